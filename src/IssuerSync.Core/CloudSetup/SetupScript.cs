using System.Text;

namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// Prints a <see cref="CloudSetupPlan"/> as a bash script that runs as pasted: the body is a
/// subshell with <c>set -euo pipefail</c>, so it stops at the first failing command (or unset
/// required variable) without closing an interactive shell.
/// </summary>
public static class SetupScript
{
    public static string Build(CloudSetupPlan plan, string subject)
    {
        var text = new StringBuilder();
        text.Append($"# issuersync trust {plan.Cloud}: setup for {subject}, ready to paste into bash.\n");
        text.Append("# It runs in a subshell with set -euo pipefail: it stops at the first command that fails.\n");
        foreach (var warning in plan.Warnings)
        {
            text.Append($"#\n# WARNING: {warning}\n");
        }

        text.Append("(\nset -euo pipefail\n");
        foreach (var variable in plan.Requires)
        {
            text.Append(variable.Guard).Append('\n');
        }

        var number = 0;
        foreach (var step in plan.Steps)
        {
            var lines = new List<string>();
            if (step.File is not null)
            {
                lines.AddRange(HereDocument(step.File));
            }

            lines.AddRange(step.Commands.SelectMany(c => c.ToShell().Split('\n')));
            text.Append('\n');
            text.Append(step.Alternative ? $"# {step.Title}:\n" : $"# {++number}. {step.Title}\n");
            foreach (var line in lines)
            {
                text.Append(step.Alternative ? "# " + line : line).Append('\n');
            }
        }

        return text.Append(")\n").ToString();
    }

    /// <summary>
    /// <c>cat &gt; FILE &lt;&lt;'EOF'</c> (content written as is), or, when the file refers to variables,
    /// an unquoted here-document with every <c>\</c>, <c>`</c> and <c>$</c> escaped except the
    /// <c>${NAME}</c> references of those variables.
    /// </summary>
    private static IEnumerable<string> HereDocument(SetupFile file)
    {
        var content = file.Content.TrimEnd('\n');
        if (file.Variables.Count > 0)
        {
            content = content.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("`", "\\`", StringComparison.Ordinal)
                .Replace("$", "\\$", StringComparison.Ordinal);
            foreach (var name in file.Variables)
            {
                content = content.Replace("\\${" + name + "}", "${" + name + "}", StringComparison.Ordinal);
            }
        }

        var quote = file.Variables.Count > 0 ? "EOF" : "'EOF'";
        return [$"cat > {ShellQuote.Quote(file.Name)} <<{quote}", .. content.Split('\n'), "EOF"];
    }
}
