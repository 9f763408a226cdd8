using Microsoft.IdentityModel.JsonWebTokens;

namespace IssuerSync.Core.Trust;

/// <summary>Reads single claims of a token, verified or not (the caller knows which; see <see cref="TokenSignature"/>).</summary>
internal static class TokenClaims
{
    /// <summary>The string claim <paramref name="name"/>, or null when it is absent or not a string.</summary>
    public static string? Text(JsonWebToken token, string name)
        => token.TryGetPayloadValue<string>(name, out var value) ? value : null;

    /// <summary>Whether <paramref name="seconds"/> since the Unix epoch is a date (the years 1 to 9999, what DateTimeOffset holds).</summary>
    public static bool IsDate(long seconds) => seconds >= FirstDate && seconds <= LastDate;

    /// <summary>The integer time claim <paramref name="name"/> as a date; false when it is absent, not an integer, or no date.</summary>
    public static bool TryTime(JsonWebToken token, string name, out DateTimeOffset value)
    {
        value = default;
        if (!token.TryGetPayloadValue<long>(name, out var seconds) || !IsDate(seconds))
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static readonly long FirstDate = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long LastDate = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
}
