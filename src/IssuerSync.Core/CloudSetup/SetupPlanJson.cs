using System.Text.Json;
using IssuerSync.Core.Json;

namespace IssuerSync.Core.CloudSetup;

/// <summary>Prints a <see cref="CloudSetupPlan"/> as JSON: argv arrays and file contents, for automation.</summary>
public static class SetupPlanJson
{
    public static string Build(CloudSetupPlan plan, string subject) => IndentedJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("cloud", plan.Cloud);
        writer.WriteString("subject", subject);
        writer.WriteStrings("warnings", plan.Warnings);
        writer.WriteArray("requires", plan.Requires, static (w, variable) =>
        {
            w.WriteStartObject();
            w.WriteString("name", variable.Name);
            w.WriteString("hint", variable.Hint);
            w.WriteEndObject();
        });
        writer.WriteArray("steps", plan.Steps, Step);
        writer.WriteEndObject();
    });

    private static void Step(Utf8JsonWriter writer, SetupStep step)
    {
        writer.WriteStartObject();
        writer.WriteString("title", step.Title);
        writer.WriteBoolean("alternative", step.Alternative);
        if (step.File is not null)
        {
            writer.WriteStartObject("file");
            writer.WriteString("name", step.File.Name);
            writer.WriteString("content", step.File.Content);
            writer.WriteStrings("variables", step.File.Variables);
            writer.WriteEndObject();
        }

        writer.WriteArray("commands", step.Commands, Command);
        writer.WriteEndObject();
    }

    private static void Command(Utf8JsonWriter writer, SetupCommand command)
    {
        writer.WriteStartObject();
        writer.WriteStrings("argv", command.Argv);
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
