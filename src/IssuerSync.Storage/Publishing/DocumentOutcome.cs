namespace IssuerSync.Storage.Publishing;

/// <summary>What publishing did with one document.</summary>
public enum DocumentStatus
{
    Written,
    Unchanged,
    WouldWrite,
}

/// <summary>One document's result: which, where, how big and whether it was written.</summary>
public sealed record DocumentOutcome(string Document, string Path, string Location, DocumentStatus Status, int Bytes);
