using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Cli.Verify;

/// <summary>Prints a <see cref="CloudSetupPlan"/> as a bash script to paste, or as JSON (argv arrays and file contents).</summary>
internal static class SetupPlanWriter
{
    public static string Shell(CloudSetupPlan plan, string subject)
    {
        var text = new StringBuilder();
        text.Append($"# issuersync trust {plan.Cloud}: setup for {subject}, ready to paste into bash.\n");
        var number = 0;
        foreach (var step in plan.Steps)
        {
            var lines = new List<string>();
            if (step.File is not null)
            {
                lines.Add($"cat > {ShellQuote.Quote(step.File.Name)} <<'EOF'");
                lines.AddRange(step.File.Content.TrimEnd('\n').Split('\n'));
                lines.Add("EOF");
            }

            lines.AddRange(step.Commands.SelectMany(c => c.ToShell().Split('\n')));
            text.Append('\n');
            text.Append(step.Alternative ? $"# {step.Title}:\n" : $"# {++number}. {step.Title}\n");
            foreach (var line in lines)
            {
                text.Append(step.Alternative ? "# " + line : line).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Json(CloudSetupPlan plan, string subject)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("cloud", plan.Cloud);
            writer.WriteString("subject", subject);
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
                    writer.WriteEndObject();
                }

                writer.WriteStartArray("commands");
                foreach (var command in step.Commands)
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("argv");
                    foreach (var arg in command.Argv)
                    {
                        writer.WriteStringValue(arg);
                    }

                    writer.WriteEndArray();
                    writer.WriteString("stdoutFile", command.RedirectTo);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
