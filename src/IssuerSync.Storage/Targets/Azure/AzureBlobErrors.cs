using Azure;
using Azure.Identity;

namespace IssuerSync.Storage.Targets.Azure;

/// <summary>Turns SDK failures into one line naming the target, the document, the cause and the fix. Never includes secrets.</summary>
internal static class AzureBlobErrors
{
    public static StorageException From(Exception e, string action, string target, AzureBlobLocation location)
    {
        var account = location.AccountName;
        var prefix = $"{target}: cannot {action}";
        return e switch
        {
            RequestFailedException { Status: 412 } or RequestFailedException { Status: 409, ErrorCode: "BlobAlreadyExists" } =>
                new StorageConflictException($"{prefix}: it changed since it was read (HTTP {((RequestFailedException)e).Status} {((RequestFailedException)e).ErrorCode}): another publisher is writing this issuer", e),
            RequestFailedException { ErrorCode: "ContainerNotFound" } =>
                new StorageException($"{prefix}: the container '{location.Container}' does not exist (HTTP 404 ContainerNotFound). Hint: az storage container create --account-name {account} --name {location.Container} --public-access blob --auth-mode login", e),
            RequestFailedException { Status: 403 } r when r.ErrorCode is "AuthorizationPermissionMismatch" or "AuthorizationFailure" =>
                new StorageException($"{prefix}: the credential is not allowed to (HTTP 403 {r.ErrorCode}). Hint: grant the publisher's identity 'Storage Blob Data Contributor' on the container (az role assignment create --role 'Storage Blob Data Contributor' --assignee <principal> --scope <container resource id>), or check the storage firewall", e),
            RequestFailedException { Status: 403 } r =>
                new StorageException($"{prefix}: the storage account refused the credential (HTTP 403 {r.ErrorCode}). Hint: check the connection string's account key or the SAS token's expiry and permissions (racwl)", e),
            RequestFailedException r =>
                new StorageException($"{prefix}: HTTP {r.Status} {r.ErrorCode ?? FirstLine(r.Message)}", e),
            AuthenticationFailedException or CredentialUnavailableException =>
                new StorageException($"{prefix}: no Azure credential could be obtained ({e.GetType().Name}). Hint: set AZURE_STORAGE_CONNECTION_STRING or --connection-string, put a SAS in the target URL, or run under a managed identity / workload identity / 'az login'", e),
            HttpRequestException or TimeoutException or IOException or AggregateException =>
                new StorageException($"{prefix}: the storage endpoint {location.AccountUrl} did not answer ({FirstLine(e.Message)}) after retries. Hint: check the URL, DNS, the network path and the storage firewall", e),
            OperationCanceledException when e is TaskCanceledException { InnerException: TimeoutException } =>
                new StorageException($"{prefix}: the request timed out after retries. Hint: check the network path to {location.AccountUrl}", e),
            _ => new StorageException($"{prefix}: {e.GetType().Name}: {FirstLine(e.Message)}", e),
        };
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
