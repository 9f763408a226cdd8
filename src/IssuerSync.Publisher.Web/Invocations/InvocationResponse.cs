using System.Text.Json;

namespace IssuerSync.Publisher.Web.Invocations;

/// <summary>
/// The answer to an invocation: <c>{"Outputs": {…}, "Logs": […], "ReturnValue": null}</c>. An output
/// binding named in function.json is set through <c>Outputs</c>; a queue output given an array puts
/// one message per element (learn.microsoft.com/azure/azure-functions/functions-custom-handlers#response-payload).
/// </summary>
internal sealed class InvocationResponse
{
    private readonly Dictionary<string, IReadOnlyList<string>> _queueOutputs = new(StringComparer.Ordinal);
    private readonly List<string> _logs = [];

    public InvocationResponse QueueMessages(string bindingName, IReadOnlyList<string> messages)
    {
        _queueOutputs[bindingName] = messages;
        return this;
    }

    public InvocationResponse Log(string line)
    {
        _logs.Add(line);
        return this;
    }

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Outputs");
            foreach (var (name, messages) in _queueOutputs)
            {
                writer.WriteStartArray(name);
                foreach (var message in messages)
                {
                    writer.WriteStringValue(message);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("Logs");
            foreach (var line in _logs)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteNull("ReturnValue");
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
