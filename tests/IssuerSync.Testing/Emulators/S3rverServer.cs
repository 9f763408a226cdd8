namespace IssuerSync.Testing.Emulators;

/// <summary>s3rver (an S3 emulator) on 127.0.0.1. Credentials are its fixed S3RVER/S3RVER pair.</summary>
public sealed class S3rverServer : EmulatorProcess
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    public S3rverServer()
        : base("s3rver", (port, data) =>
            ["--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", data, "--silent"])
    {
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");
}
