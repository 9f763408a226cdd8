using IssuerSync.Core.Trust;
using IssuerSync.Publisher.Hosting;
using IssuerSync.Publisher.State;
using IssuerSync.Storage.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IssuerSync.Publisher;

/// <summary>What the host gives the application: clock, logging, the app-setting lookup, and (for tests or other hosts) ready stores.</summary>
public sealed class PublisherDependencies
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Looks up an app setting by name (the value of a Connection setting names one). Default: environment variables.</summary>
    public Func<string, string?> Setting { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>A ready state store; null: built from <see cref="Configuration.PublisherSettings.StateStore"/>.</summary>
    public IIssuerStateStore? StateStore { get; init; }

    /// <summary>Ready targets; null: built from each issuer's settings.</summary>
    public IPublishTargetProvider? Targets { get; init; }

    public PushVerificationOptions? Verification { get; init; }

    public StateUpdateOptions? StateUpdates { get; init; }
}
