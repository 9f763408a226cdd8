using IssuerSync.Core;

namespace IssuerSync.Storage.Targets;

/// <summary>What the adapters catch and how they quote it: the one filter every store's error mapping sits behind.</summary>
internal static class StorageFaults
{
    /// <summary>
    /// A failure of the store to map (SDK, network, timeout, credential), not one already mapped (an
    /// <see cref="IssuerSyncException"/>) and not the caller's own cancellation, which passes through.
    /// </summary>
    public static bool IsFault(Exception e, CancellationToken cancellationToken)
        => e is not IssuerSyncException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested);

    /// <summary>The first line of an SDK message (the rest is a stack of details, sometimes a response body).</summary>
    public static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
