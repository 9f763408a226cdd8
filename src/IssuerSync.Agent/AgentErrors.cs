using System.Net;
using IssuerSync.Agent.Tokens;
using IssuerSync.Core;

namespace IssuerSync.Agent;

/// <summary>Every refusal the agent reports, built in one place: each names the input, the value and the fix.</summary>
internal static class AgentErrors
{
    public const string RbacManifest = "deploy/kubernetes/rbac.yaml";

    public static IssuerSyncException IssuerMismatch(string apiServerIssuer, string configuredIssuer) => new(
        $"the API server's issuer is '{apiServerIssuer}' but --issuer is '{configuredIssuer}': " +
        "the cluster signs its tokens for another issuer, so a cloud would refuse them. " +
        $"Hint: start kube-apiserver with --service-account-issuer={configuredIssuer} " +
        $"(list it first; keep '{apiServerIssuer}' as a second --service-account-issuer while old tokens live) " +
        $"and --service-account-jwks-uri={JwksUriFor(configuredIssuer)}, or pass --issuer {apiServerIssuer} if that is the issuer you mean to publish");

    public static IssuerSyncException DiscoveryDisabled(string path) => new(
        $"the API server answered 404 Not Found for {path}: its service-account issuer discovery endpoints are off " +
        "(kube-apiserver before 1.21, or a distribution that disables them). " +
        "Hint: read the keys on a control-plane node instead with --key-file " +
        "(kubeadm: /etc/kubernetes/pki/sa.pub; k3s/RKE2: /var/lib/rancher/k3s/server/tls/service.key; Talos: the service-account key), " +
        "e.g. from a hostPath volume");

    public static IssuerSyncException DiscoveryForbidden(string path, ServiceAccountRef account) => new(
        $"the API server answered 403 Forbidden for {path}: the agent ({account}) may not read the issuer discovery endpoints, " +
        "although Kubernetes' default RBAC binds the ClusterRole system:service-account-issuer-discovery to every service account " +
        "(group system:serviceaccounts): that binding was removed or narrowed here. " +
        $"Hint: bind the ClusterRole system:service-account-issuer-discovery to serviceaccount {account} (a ClusterRoleBinding, see {RbacManifest}), " +
        "or restore the default binding");

    public static IssuerSyncException Unauthorized(string what) => new(
        $"the API server answered 401 Unauthorized for {what}: it did not accept the agent's credentials. " +
        "Hint: inside a pod, check that the service-account token is mounted (automountServiceAccountToken); outside, check --kubeconfig and --context");

    public static IssuerSyncException ApiServerStatus(string what, HttpStatusCode status, string? reason) => new(
        $"the API server answered {(int)status} {status} for {what}{(string.IsNullOrWhiteSpace(reason) ? string.Empty : $" ({reason})")}. " +
        "Hint: check the API server's health (kubectl get --raw /readyz) and retry");

    public static IssuerSyncException ApiServerUnreachable(Uri server, string detail) => new(
        $"cannot reach the API server at {server} ({detail}). Hint: inside a pod, check KUBERNETES_SERVICE_HOST and network policies; " +
        "outside, check --kubeconfig and --context");

    public static IssuerSyncException ApiServerTimeout(Uri server, string what, TimeSpan timeout) => new(
        $"the API server at {server} did not answer {what} within {timeout.TotalSeconds:0.#} s. Hint: check the API server's load and the network path to it");

    public static IssuerSyncException InvalidDiscovery(string detail) => new(
        $"the API server's /.well-known/openid-configuration is not a discovery document ({detail}). " +
        "Hint: check that --kubeconfig points at a kube-apiserver, not a proxy that rewrites answers");

    public static IssuerSyncException InvalidJwks(string source, IEnumerable<string> problems) => new(
        $"{source} serves a JWKS IssuerSync will not push: {string.Join("; ", problems)}. " +
        "Hint: fix the keys the API server is given (--service-account-key-file), or read them with --key-file");

    public static IssuerSyncException TokenForbidden(ServiceAccountRef account) => new(
        $"the API server answered 403 Forbidden to the agent's TokenRequest: {account} lacks permission to create serviceaccounts/token for itself. " +
        $"Hint: add a Role in namespace {account.Namespace} with apiGroups [\"\"], resources [\"serviceaccounts/token\"], verbs [\"create\"], " +
        $"resourceNames [\"{account.Name}\"] and bind it to the service account ({RbacManifest})");

    public static IssuerSyncException TokenAccountMissing(ServiceAccountRef account) => new(
        $"the API server answered 404 Not Found to the agent's TokenRequest: serviceaccount {account} does not exist. " +
        "Hint: pass the agent's own service account with --service-account and --namespace, or create it (deploy/kubernetes/serviceaccount.yaml)");

    public static IssuerSyncException TokenEmpty(ServiceAccountRef account) => new(
        $"the API server's TokenRequest answer for {account} carries no token. " +
        "Hint: check the API server's version and its --service-account-signing-key-file");

    public static IssuerSyncException TokenExpirationTooShort(TimeSpan value) => new(
        $"--token-expiration {value} is shorter than the 10 minutes the TokenRequest API accepts. Hint: pass --token-expiration 10m or more");

    public static IssuerSyncException TokenFileUnreadable(string path, string detail) => new(
        $"--token-file '{path}': {detail}. Hint: mount a projected serviceAccountToken volume there " +
        "(see deploy/kubernetes/projected-token.yaml) or leave --token-file out to use the TokenRequest API");

    public static IssuerSyncException TokenFileNotRotated(string path, TimeSpan waited) => new(
        $"--token-file '{path}': still holds the token of the last push after waiting {waited.TotalMinutes:0.#} min for the kubelet to rotate it, " +
        "and that token may authenticate one push only. " +
        "Hint: give the projected serviceAccountToken volume a short expirationSeconds (600, the minimum; the kubelet rotates at 80% of it), " +
        "or leave --token-file out to use the TokenRequest API");

    public static IssuerSyncException NoNamespace() => new(
        "--namespace is not given and the agent is not running in a pod. Hint: pass --namespace NS of the agent's service account");

    public static IssuerSyncException PublisherUrl(string value, string detail) => new(
        $"--publisher '{value}': {detail}. Hint: pass the function app's base URL, e.g. https://issuersync-func.azurewebsites.net");

    public static IssuerSyncException FunctionKeyUnreadable(string path, string detail) => new(
        $"--function-key-file '{path}': {detail}. Hint: mount the Azure Functions key from a Secret, or leave the option out");

    public static IssuerSyncException PushRedirected(Uri endpoint, HttpStatusCode status, string location) => new(
        $"the publisher at {endpoint} answered {(int)status} redirecting to {(location.Length > 300 ? location[..300] + "…" : location)}: " +
        "the agent follows no redirect, " +
        "because it would carry the push token, the function key and the body to another origin. " +
        "Hint: pass the URL that answers the push itself as --publisher (the function app's https://NAME.azurewebsites.net), not a proxy or a short link");

    private static string JwksUriFor(string issuer) => (issuer.EndsWith('/') ? issuer : issuer + "/") + "openid/v1/jwks";
}
