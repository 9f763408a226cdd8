namespace IssuerSync.Core.Rotation;

/// <summary>Where a kid stands for its issuer. Only <see cref="Active"/> and <see cref="Retained"/> keys are published.</summary>
public enum KeyStatus
{
    /// <summary>Seen, awaiting an operator's approval by fingerprint (first contact, or high-assurance mode). Not published, not trusted.</summary>
    Pending,

    /// <summary>In the latest trusted push: published and trusted.</summary>
    Active,

    /// <summary>Gone from the cluster, published until <see cref="KeyRecord.RetainUntil"/> so tokens it signed stay verifiable.</summary>
    Retained,

    /// <summary>Revoked by an operator: never published or trusted again, whatever a push says.</summary>
    Revoked,

    /// <summary>Retention ended (or withdrawn while pending): not published; a later trusted push may add it again.</summary>
    Dropped,
}
