using IssuerSync.Core.Registration;
using IssuerSync.Core.Trust;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Hosting;
using IssuerSync.Publisher.Publishing;
using IssuerSync.Publisher.State;
using IssuerSync.Storage.State;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Publisher.Services;

/// <summary>What the services share: settings, the registry, the state store and the targets.</summary>
internal sealed class PublisherContext
{
    public PublisherContext(
        PublisherSettings settings,
        IIssuerStateStore store,
        IPublishTargetProvider targets,
        TimeProvider time,
        ILoggerFactory loggers,
        PushVerificationOptions? verification = null,
        StateUpdateOptions? updates = null)
    {
        Settings = settings;
        Registry = RegistrationValidator.Load(settings.Issuers.Select(i => i.Registration).ToList());
        Store = store;
        Time = time;
        Loggers = loggers;
        Verification = verification ?? new PushVerificationOptions();
        Updater = new IssuerStateUpdater(store, updates);
        Operations = new IssuerStateOperations(store, time, updates);
        Publisher = new IssuerPublisher(targets, settings.Issuers, Updater, Operations, time, loggers.CreateLogger("IssuerSync.Publisher.Publishing"));
    }

    public PublisherSettings Settings { get; }

    public IssuerRegistry Registry { get; }

    public IIssuerStateStore Store { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory Loggers { get; }

    public PushVerificationOptions Verification { get; }

    public IssuerStateUpdater Updater { get; }

    public IssuerStateOperations Operations { get; }

    public IssuerPublisher Publisher { get; }
}
