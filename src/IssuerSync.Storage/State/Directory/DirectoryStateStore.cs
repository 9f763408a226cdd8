using System.Collections.Concurrent;
using System.Security.Cryptography;
using IssuerSync.Core.Rotation;
using IssuerSync.Storage.Targets;

namespace IssuerSync.Storage.State.Directory;

/// <summary>
/// State documents as files ({root}/{issuerId}.json) for tests and the standalone server. The ETag
/// is a hash of the content. A write compares and swaps under an exclusive lock on
/// {issuerId}.json.lock (an in-process semaphore plus an OS file lock, which the OS releases if the
/// process dies), and replaces the document by an atomic rename, so a reader sees the old or the new
/// document, never a mix, and two writers never both succeed from the same ETag.
/// </summary>
public sealed class DirectoryStateStore : IIssuerStateStore
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public DirectoryStateStore(string root)
    {
        Root = Path.GetFullPath(root);
        DisplayName = $"state dir:{root}";
    }

    public string Root { get; }

    public string DisplayName { get; }

    public string PathOf(string issuerId)
    {
        if (string.IsNullOrEmpty(issuerId) || issuerId.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new ArgumentException($"issuer id '{issuerId}' must be lowercase letters, digits and '-'", nameof(issuerId));
        }

        return Path.Combine(Root, issuerId + ".json");
    }

    public async Task<StateSnapshot?> ReadAsync(string issuerId, CancellationToken cancellationToken = default)
    {
        var file = PathOf(issuerId);
        var bytes = await ReadBytesAsync(file, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : new StateSnapshot(IssuerStateJson.Read(bytes, file), ETagOf(bytes));
    }

    public async Task<string?> TryWriteAsync(string issuerId, IssuerState state, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var file = PathOf(issuerId);
        var bytes = IssuerStateJson.Write(state);
        var gate = Gates.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            System.IO.Directory.CreateDirectory(Root);
            using var fileLock = await LockAsync(file + ".lock", cancellationToken).ConfigureAwait(false);
            var current = await ReadBytesAsync(file, cancellationToken).ConfigureAwait(false);
            var matches = current is null ? ifMatch is null : ifMatch == ETagOf(current);
            if (!matches)
            {
                return null;
            }

            await WriteAtomicallyAsync(file, bytes, cancellationToken).ConfigureAwait(false);
            return ETagOf(bytes);
        }
        finally
        {
            gate.Release();
        }
    }

    internal static string ETagOf(ReadOnlySpan<byte> bytes) => $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..32].ToLowerInvariant()}\"";

    private async Task<byte[]?> ReadBytesAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return File.Exists(file) ? await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"{DisplayName}: cannot read {file}: {e.Message}", e);
        }
    }

    private async Task<FileStream> LockAsync(string lockFile, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Random.Shared.Next(2, 10), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageException(
                    $"{DisplayName}: cannot lock {lockFile} within {LockTimeout.TotalSeconds:0} s: " +
                    $"another process holds it or the folder is not writable ({e.Message})",
                    e);
            }
        }
    }

    private async Task WriteAtomicallyAsync(string file, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Left behind: ignored by readers (another name), removed by hand.
            }

            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new StorageException($"{DisplayName}: cannot write {file}: {e.Message}", e);
        }
    }
}
