using System.Security.Cryptography.X509Certificates;

namespace IssuerSync.Cli.Verify;

/// <summary>
/// The TLS certificates a host presented (<see cref="Served"/>, leaf first, as sent) and the chain
/// they were validated into (<see cref="Built"/>, leaf to root). Copies: they outlive the handshake.
/// </summary>
internal sealed record ServedChain(string Host, IReadOnlyList<X509Certificate2> Served, IReadOnlyList<X509Certificate2> Built);
