using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace IssuerSync.Agent.Logging;

/// <summary>
/// Structured logs for a pod: one JSON object per line (time, level, event, message and every named
/// value of the message template) on the given writer (stderr). Callers never pass secrets to a logger.
/// </summary>
public sealed class JsonLineLoggerProvider(TextWriter writer, TimeProvider time, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();
    private readonly LogLevel _minimum = minimum;

    public ILogger CreateLogger(string categoryName) => new JsonLineLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(
        string category,
        LogLevel level,
        EventId eventId,
        IReadOnlyList<KeyValuePair<string, object?>>? values,
        string message,
        Exception? exception)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", time.GetUtcNow().ToString("O"));
            json.WriteString("level", level.ToString());
            json.WriteString("category", category);
            if (eventId.Name is not null)
            {
                json.WriteString("event", eventId.Name);
            }

            json.WriteString("message", message);
            foreach (var (key, value) in values ?? [])
            {
                if (key == "{OriginalFormat}" || key is "time" or "level" or "category" or "event" or "message")
                {
                    continue;
                }

                var name = char.ToLowerInvariant(key[0]) + key[1..];
                switch (value)
                {
                    case int or long or double:
                        json.WriteNumber(name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case bool b:
                        json.WriteBoolean(name, b);
                        break;
                    default:
                        json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            if (exception is not null)
            {
                json.WriteString("exception", exception.GetType().Name);
            }

            json.WriteEndObject();
        }

        var line = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private sealed class JsonLineLogger(JsonLineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(category, logLevel, eventId, state as IReadOnlyList<KeyValuePair<string, object?>>, formatter(state, exception), exception);
            }
        }
    }
}
