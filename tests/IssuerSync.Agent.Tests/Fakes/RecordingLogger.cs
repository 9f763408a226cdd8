using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Agent.Tests.Fakes;

/// <summary>Records the event names and messages a component logs.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<(string Event, string Message)> _entries = new();

    public IReadOnlyList<string> Events => _entries.Select(e => e.Event).ToArray();

    public IReadOnlyList<string> Messages => _entries.Select(e => e.Message).ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _entries.Enqueue((eventId.Name ?? string.Empty, formatter(state, exception)));
}
