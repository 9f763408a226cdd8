namespace IssuerSync.Core.Keys;

/// <summary>One <c>-----BEGIN LABEL-----</c> … <c>-----END LABEL-----</c> block of a PEM file.</summary>
internal sealed record PemBlock(int Number, string Label, IReadOnlyDictionary<string, string> Headers, byte[] Der)
{
    public string Name => $"block {Number} ({Label})";
}
