namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>The storage requests of one phase, by kind: state reads and writes, document reads and writes.</summary>
internal sealed class RequestTally
{
    private readonly IReadOnlyList<StorageRequest> _requests;
    private readonly string _stateContainer;

    public RequestTally(IReadOnlyList<StorageRequest> requests, string stateContainer)
    {
        _requests = requests;
        _stateContainer = stateContainer;
    }

    public int Total => _requests.Count;

    public int Writes => _requests.Count(r => r.IsWrite);

    public int StateReads => _requests.Count(r => IsState(r) && !r.IsWrite);

    public int StateWrites => _requests.Count(r => IsState(r) && r.IsWrite);

    public int DocumentReads => _requests.Count(r => !IsState(r) && !r.IsWrite);

    public int DocumentWrites => _requests.Count(r => !IsState(r) && r.IsWrite);

    /// <summary>Azurite's service time summed over the requests (first answer byte after the request went out).</summary>
    public double ServiceMilliseconds => _requests.Where(r => !double.IsNaN(r.ServiceMilliseconds)).Sum(r => r.ServiceMilliseconds);

    /// <summary>The issuer prefixes (first path segment of the blob) written in this phase.</summary>
    public IReadOnlySet<string> IssuersWritten => _requests.Where(r => r.IsWrite && !r.ContainerLevel)
        .Select(r => IsState(r) ? Path.GetFileNameWithoutExtension(r.Blob) : r.Blob.Split('/')[0])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The requests between two snapshots of the proxy's log.</summary>
    public static RequestTally Between(IReadOnlyList<StorageRequest> before, IReadOnlyList<StorageRequest> after, string stateContainer)
        => new(after.Skip(before.Count).ToArray(), stateContainer);

    /// <summary>"GET state ×1000, HEAD docs ×2000, …" sorted by count.</summary>
    public string Breakdown() => string.Join(", ", _requests
        .GroupBy(r => $"{r.Method} {(IsState(r) ? "state" : "docs")}{(r.ContainerLevel ? " (container)" : string.Empty)}")
        .OrderByDescending(g => g.Count())
        .Select(g => $"{g.Key} ×{g.Count()}"));

    private bool IsState(StorageRequest request) => request.Container == _stateContainer;
}
