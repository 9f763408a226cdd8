namespace IssuerSync.Storage.Publishing;

/// <summary>The result of one publish, JWKS first.</summary>
public sealed record PublishReport(string Target, IReadOnlyList<DocumentOutcome> Documents)
{
    public int Written => Documents.Count(d => d.Status == DocumentStatus.Written);
}
