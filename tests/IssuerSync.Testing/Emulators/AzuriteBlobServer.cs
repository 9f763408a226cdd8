namespace IssuerSync.Testing.Emulators;

/// <summary>Azurite's Blob service on 127.0.0.1 (started with --skipApiVersionCheck: the SDK's API version is newer than Azurite's).</summary>
public sealed class AzuriteBlobServer : EmulatorProcess
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public AzuriteBlobServer()
        : base("azurite-blob", (port, data) =>
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", data, "--skipApiVersionCheck", "--silent", "--loose"])
    {
    }

    /// <summary>http://127.0.0.1:PORT/devstoreaccount1</summary>
    public Uri BlobEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    /// <summary>
    /// Kills Azurite once it has saved its metadata (it saves every 5 s; a kill before that loses the
    /// last writes, which a real storage service never does), so a restart serves what was written.
    /// </summary>
    public void KillAfterMetadataSave()
    {
        Thread.Sleep(TimeSpan.FromSeconds(5.5));
        Kill();
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";
}
