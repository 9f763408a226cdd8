using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Testing.Http;

/// <summary>How a <see cref="LoopbackServer"/> listens: plain http by default, https with a certificate.</summary>
public sealed class LoopbackServerOptions
{
    /// <summary>Serve https with this leaf (null: plain http).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The chain served after the leaf (intermediates, or the CA).</summary>
    public X509Certificate2Collection? Chain { get; init; }

    /// <summary>Also listen on a second, plain http port (<see cref="LoopbackServer.HttpUri"/>) beside the https one.</summary>
    public bool AlsoPlainHttp { get; init; }

    /// <summary>
    /// Read and record each request body before the handler runs (the handler still reads it). Off for fakes that answer
    /// without reading it (a failing storage service: reading it makes Kestrel answer "Expect: 100-continue") and for
    /// the real publisher, which reads its bodies and enforces its limits itself.
    /// </summary>
    public bool RecordBodies { get; init; } = true;
}
