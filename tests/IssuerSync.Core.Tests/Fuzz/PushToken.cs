namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>A generated bearer token: its text after every change (null: none sent), the token as a real key signed it, and how it was made.</summary>
internal sealed record PushToken(string? Text, string Signed, string Recipe)
{
    /// <summary>header.payload of <see cref="Signed"/>: what the signature covers.</summary>
    public string SignedPart => Signed[..Signed.LastIndexOf('.')];

    public override string ToString() => $"{Recipe} = {(Text is null ? "(no token)" : FuzzInput.Printable(System.Text.Encoding.UTF8.GetBytes(Text)))}";
}
