using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IssuerSync.Core.CloudSetup;

/// <summary>Prints a <see cref="CloudSetupPlan"/> as JSON: argv arrays and file contents, for automation.</summary>
public static class SetupPlanJson
{
    public static string Build(CloudSetupPlan plan, string subject)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("cloud", plan.Cloud);
            writer.WriteString("subject", subject);
            writer.WriteStartArray("warnings");
            foreach (var warning in plan.Warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("requires");
            foreach (var variable in plan.Requires)
            {
                writer.WriteStartObject();
                writer.WriteString("name", variable.Name);
                writer.WriteString("hint", variable.Hint);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("steps");
            foreach (var step in plan.Steps)
            {
                writer.WriteStartObject();
                writer.WriteString("title", step.Title);
                writer.WriteBoolean("alternative", step.Alternative);
                if (step.File is not null)
                {
                    writer.WriteStartObject("file");
                    writer.WriteString("name", step.File.Name);
                    writer.WriteString("content", step.File.Content);
                    writer.WriteStartArray("variables");
                    foreach (var name in step.File.Variables)
                    {
                        writer.WriteStringValue(name);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteStartArray("commands");
                foreach (var command in step.Commands)
                {
                    Command(writer, command);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Command(Utf8JsonWriter writer, SetupCommand command)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("argv");
        foreach (var arg in command.Argv)
        {
            writer.WriteStringValue(arg);
        }

        writer.WriteEndArray();
        writer.WriteString("stdoutFile", command.RedirectTo);
        writer.WriteString("stdoutVariable", command.CaptureAs);
        Nested(writer, "unless", command.Unless);
        Nested(writer, "pipeTo", command.PipeTo);
        writer.WriteEndObject();
    }

    private static void Nested(Utf8JsonWriter writer, string name, SetupCommand? command)
    {
        writer.WritePropertyName(name);
        if (command is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            Command(writer, command);
        }
    }
}
