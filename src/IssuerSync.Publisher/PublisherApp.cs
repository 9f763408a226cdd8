using IssuerSync.Core;
using IssuerSync.Core.Registration;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Publisher.Hosting;
using IssuerSync.Publisher.Services;
using IssuerSync.Storage.State;

namespace IssuerSync.Publisher;

/// <summary>
/// The publisher, composed: the services every host calls. <see cref="Create"/> checks everything it can before the
/// first request (registrations, the state store spec, every issuer's target and the app settings their
/// Connection names) and throws one <see cref="PublisherConfigurationException"/> listing every problem.
/// </summary>
public sealed class PublisherApp
{
    private PublisherApp(PublisherSettings settings, PublisherContext context)
    {
        Settings = settings;
        Push = new PushService(context);
        Operators = new OperatorService(context);
        Reconcile = new ReconcileService(context);
    }

    public PublisherSettings Settings { get; }

    public PushService Push { get; }

    public OperatorService Operators { get; }

    public ReconcileService Reconcile { get; }

    public static PublisherApp Create(PublisherSettings settings, PublisherDependencies? dependencies = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var deps = dependencies ?? new PublisherDependencies();
        var problems = new List<string>();
        try
        {
            RegistrationValidator.Load(settings.Issuers.Select(i => i.Registration).ToList());
        }
        catch (RegistrationException e)
        {
            problems.AddRange(e.Problems.Select(p => p.ToString()));
        }

        IIssuerStateStore? store = deps.StateStore;
        if (store is null)
        {
            try
            {
                store = StateStoreFactory.Create(settings, deps.Setting);
            }
            catch (IssuerSyncException e)
            {
                problems.Add($"IssuerSync__StateStore = '{Storage.Targets.Azure.AzureBlobLocation.Redact(settings.StateStore)}': {e.Message}");
            }
        }

        var targets = deps.Targets;
        if (targets is null)
        {
            var fromSettings = new SettingsTargetProvider(deps.Setting);
            if (problems.Count == 0)
            {
                problems.AddRange(fromSettings.Check(settings.Issuers));
            }

            targets = fromSettings;
        }

        if (problems.Count > 0)
        {
            throw new PublisherConfigurationException(problems);
        }

        var context = new PublisherContext(settings, store!, targets, deps.Time, deps.LoggerFactory, deps.Verification, deps.StateUpdates);
        return new PublisherApp(settings, context);
    }
}
