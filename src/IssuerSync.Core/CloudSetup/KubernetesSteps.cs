namespace IssuerSync.Core.CloudSetup;

/// <summary>The cluster-side steps every cloud's plan shares.</summary>
public static class KubernetesSteps
{
    public const string PodFile = "pod.yaml";
    public const string PodTitle = "The service account and a pod using it (merge env, volumeMounts and volumes into your workload)";

    /// <summary>Creates the namespace unless it exists (apply of a client-side dry run is idempotent).</summary>
    public static SetupStep Namespace(WorkloadIdentity identity) => SetupStep.Run(
        $"The namespace {identity.Namespace} (created when it does not exist)",
        CreateOrApply(new SetupCommand("kubectl create namespace", new CommandOption(identity.Namespace))));

    /// <summary><c>kubectl create … --dry-run=client -o yaml | kubectl apply -f -</c>: create, or update what exists.</summary>
    public static SetupCommand CreateOrApply(SetupCommand create)
        => new SetupCommand(create.Words, [.. create.Options, new("--dry-run", "client", true), new("-o", "yaml")]) { PipeTo = Apply("-") };

    public static SetupCommand Apply(string file) => new("kubectl apply", new CommandOption("-f", file));

    /// <summary>Writes the pod manifest and applies it.</summary>
    public static IEnumerable<SetupStep> Pod(SetupFile pod) =>
    [
        SetupStep.Write(PodTitle, pod),
        SetupStep.Run("Apply it", Apply(pod.Name)),
    ];
}
