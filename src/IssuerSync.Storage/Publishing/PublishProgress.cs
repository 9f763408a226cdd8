namespace IssuerSync.Storage.Publishing;

/// <summary>
/// What a publish has written so far, for a host to say what is served when the publish is cut short
/// (Ctrl-C): the documents whose writes finished, and the one being written, if any.
/// </summary>
public sealed class PublishProgress
{
    private readonly Lock _lock = new();
    private readonly List<string> _written = [];
    private string? _writing;

    /// <summary>
    /// The documents (<see cref="DocumentPublisher.JwksName"/>, <see cref="DocumentPublisher.DiscoveryName"/>) whose writes
    /// finished, in order.
    /// </summary>
    public IReadOnlyList<string> Written
    {
        get
        {
            lock (_lock)
            {
                return _written.ToArray();
            }
        }
    }

    /// <summary>The document whose write was started and has not finished: the store holds either its old or its new bytes.</summary>
    public string? Writing
    {
        get
        {
            lock (_lock)
            {
                return _writing;
            }
        }
    }

    internal void Starting(string document)
    {
        lock (_lock)
        {
            _writing = document;
        }
    }

    internal void Finished(string document)
    {
        lock (_lock)
        {
            _writing = null;
            if (!_written.Contains(document))
            {
                _written.Add(document);
            }
        }
    }
}
