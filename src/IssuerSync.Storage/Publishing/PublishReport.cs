using IssuerSync.Core.Documents;

namespace IssuerSync.Storage.Publishing;

/// <summary>The result of one publish, JWKS first.</summary>
public sealed record PublishReport(string Target, IReadOnlyList<DocumentOutcome> Documents)
{
    public int Written => Documents.Count(d => d.Status == DocumentStatus.Written);

    public int Unchanged => Documents.Count(d => d.Status == DocumentStatus.Unchanged);

    /// <summary>Storage read requests (GET, HEAD, file reads) this publish sent, retries included.</summary>
    public long ReadRequests { get; init; }

    /// <summary>Storage write requests (PUT, file writes) this publish sent, retries included.</summary>
    public long WriteRequests { get; init; }

    /// <summary>How many times the publish started over after losing a race (1 = no race).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The kids this publish adds, keeps and removes, against the JWKS that was served before it.</summary>
    public KidDiff Kids { get; init; } = new([], [], []);
}
