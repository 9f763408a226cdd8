using System.Security.Cryptography;
using System.Text;

namespace IssuerSync.Publisher.Web.Keys;

/// <summary>
/// Compares a presented <c>x-functions-key</c> with the configured key in constant time: both are
/// hashed first, so neither the content nor the length of the key leaks through timing.
/// </summary>
public sealed class FunctionKeyCheck
{
    private readonly byte[] _expected;

    public FunctionKeyCheck(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _expected = Hash(key);
    }

    public bool Matches(string? presented)
        => presented is not null && CryptographicOperations.FixedTimeEquals(_expected, Hash(presented));

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
