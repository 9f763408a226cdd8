using Azure;
using Azure.Identity;
using Azure.Storage.Blobs.Models;

namespace IssuerSync.Storage.Targets.Azure;

/// <summary>Turns SDK failures into one line naming the target, the document and the cause, with a code and a hint. Never includes secrets.</summary>
internal static class AzureBlobErrors
{
    /// <summary>A conditional write refused: If-Match failed (412), or If-None-Match: * found the blob (409 BlobAlreadyExists).</summary>
    public static bool IsConflict(RequestFailedException e)
        => e.Status == 412 || (e.Status == 409 && e.ErrorCode == BlobErrorCode.BlobAlreadyExists);

    public static StorageException From(Exception e, string action, string target, AzureBlobLocation location)
    {
        var prefix = $"{target}: cannot {action}";
        return e switch
        {
            RequestFailedException r when IsConflict(r) =>
                new StorageConflictException(
                    $"{prefix}: it changed since it was read (HTTP {r.Status} {r.ErrorCode}): another publisher is writing this issuer",
                    e),
            RequestFailedException { ErrorCode: "ContainerNotFound" } =>
                ContainerMissing($"{prefix}: the container '{location.Container}' does not exist (HTTP 404 ContainerNotFound)", location, e),
            RequestFailedException { Status: 403 } r when r.ErrorCode is "AuthorizationPermissionMismatch" or "AuthorizationFailure" =>
                new StorageException(
                    StorageErrorCodes.AccessDenied,
                    $"{prefix}: the credential is not allowed to (HTTP 403 {r.ErrorCode})",
                    new StorageHint(
                        "grant the publisher's identity 'Storage Blob Data Contributor' on the container (az role assignment create " +
                        "--role 'Storage Blob Data Contributor' --assignee <principal> --scope <container resource id>), or check the storage firewall"),
                    e),
            RequestFailedException { Status: 403 } r =>
                new StorageException(
                    StorageErrorCodes.CredentialRefused,
                    $"{prefix}: the storage account refused the credential (HTTP 403 {r.ErrorCode})",
                    new StorageHint(
                        "check the account key of {0}, or the SAS token's expiry and permissions (racwl)",
                        new SettingFix(StorageSetting.ConnectionString, SettingChange.Mention)),
                    e),
            RequestFailedException r =>
                new StorageException(
                    StorageErrorCodes.RequestFailed,
                    $"{prefix}: HTTP {r.Status} {r.ErrorCode ?? StorageFaults.FirstLine(r.Message)}",
                    null,
                    e),
            AuthenticationFailedException or CredentialUnavailableException =>
                new StorageException(
                    StorageErrorCodes.CredentialUnavailable,
                    $"{prefix}: no Azure credential could be obtained ({e.GetType().Name})",
                    new StorageHint(
                        "{0}, put a SAS in the target URL, or run under a managed identity / workload identity / 'az login'",
                        new SettingFix(StorageSetting.ConnectionString, SettingChange.Set)),
                    e),
            HttpRequestException or TimeoutException or IOException or AggregateException =>
                new StorageException(
                    StorageErrorCodes.Unreachable,
                    $"{prefix}: the storage endpoint {location.AccountUrl} did not answer ({StorageFaults.FirstLine(e.Message)}) after retries",
                    new StorageHint("check the URL, DNS, the network path and the storage firewall"),
                    e),
            OperationCanceledException when e is TaskCanceledException { InnerException: TimeoutException } =>
                new StorageException(
                    StorageErrorCodes.Unreachable,
                    $"{prefix}: the request timed out after retries",
                    new StorageHint($"check the network path to {location.AccountUrl}"),
                    e),
            _ => new StorageException(StorageErrorCodes.Failed, $"{prefix}: {e.GetType().Name}: {StorageFaults.FirstLine(e.Message)}", null, e),
        };
    }

    public static StorageException ContainerMissing(string message, AzureBlobLocation location, Exception e)
        => new(
            StorageErrorCodes.ContainerMissing,
            message,
            new StorageHint(
                $"az storage container create --account-name {location.AccountName} --name {location.Container} --public-access blob --auth-mode login"),
            e);
}
