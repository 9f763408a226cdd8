using IssuerSync.Core.Keys;

namespace IssuerSync.Core.Tests;

/// <summary>The key files made by scripts/make-key-fixtures.sh with openssl and ssh-keygen.</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>kid per public-key fixture, as openssl computed it (kids.txt).</summary>
    public static IReadOnlyDictionary<string, string> OpensslKids { get; } = File.ReadAllLines(Path("kids.txt"))
        .Select(line => line.Split(' '))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    public static IReadOnlyList<ServiceAccountKey> Parse(string name) => KeyFileParser.Parse(Bytes(name), name);
}
