using IssuerSync.Core.Registration;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Publisher.Configuration;

/// <summary>
/// One issuer as the publisher serves it: the trust and rotation settings (<see cref="Registration"/>, validated
/// by Core) and how to reach its publish target (the base: region, endpoint, public URL, private origin).
/// <see cref="Connection"/> is the NAME of an app setting holding a storage connection string (the Functions
/// convention for bindings), never the secret itself.
/// </summary>
public sealed record IssuerSettings : PublishTargetSettings
{
    public required IssuerRegistration Registration { get; init; }

    public string Id => Registration.Id;

    /// <summary>The name of the app setting that holds the target's connection string; null: identity-based access.</summary>
    public string? Connection { get; init; }

    /// <summary>The app-setting prefix this issuer was read from (IssuerSync__Issuers__0), for messages; null: not read from settings.</summary>
    public string? SettingsPrefix { get; init; }
}
