using System.Text.Json;

namespace IssuerSync.Agent.Tokens;

/// <summary>
/// Reads a JWT's claims WITHOUT verifying its signature: only to tell an operator early that a
/// bundle's token has expired. Nothing here is trusted; the publisher verifies the token.
/// </summary>
public static class UnverifiedJwt
{
    public static DateTimeOffset? ReadUnverifiedExpiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
            return claims.RootElement.ValueKind == JsonValueKind.Object
                && claims.RootElement.TryGetProperty("exp", out var exp)
                && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
