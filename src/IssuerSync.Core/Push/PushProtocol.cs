namespace IssuerSync.Core.Push;

/// <summary>Constants of the push wire format (docs/push-protocol.md).</summary>
public static class PushProtocol
{
    /// <summary>The version every push body carries; a receiver refuses versions it does not know.</summary>
    public const string PushVersion = "issuersync.push/v1";

    /// <summary>The version of a bundle file (air-gapped export).</summary>
    public const string BundleVersion = "issuersync.bundle/v1";

    /// <summary>Path of the push endpoint under the publisher's base URL (the PushKeys function).</summary>
    public const string PushPath = "api/PushKeys";

    /// <summary>The audience an agent's token carries unless configured otherwise.</summary>
    public const string DefaultAudience = "issuersync";

    /// <summary>Largest push body a receiver reads.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Header carrying the Azure Functions key (defence in depth, never the trust root).</summary>
    public const string FunctionKeyHeader = "x-functions-key";

    public const string SourceLive = "live";
    public const string SourceBundle = "bundle";
}
