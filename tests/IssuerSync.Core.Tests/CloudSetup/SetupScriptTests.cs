using System.Text.Json;
using IssuerSync.Core.CloudSetup;

namespace IssuerSync.Core.Tests.CloudSetup;

public sealed class SetupScriptTests
{
    private static readonly ShellVariable Region = new("AWS_REGION", "set AWS_REGION");

    [Fact]
    public void Build_RunsTheBodyInAStrictSubshellAfterTheGuards_WhenVariablesAreRequired()
    {
        var plan = new CloudSetupPlan("aws", [SetupStep.Run("Do it", new SetupCommand("aws sts get-caller-identity"))]) { Requires = [Region], Warnings = ["the issuer has a port"] };

        Assert.Equal(
            """
            # issuersync trust aws: setup for system:serviceaccount:a:b, ready to paste into bash.
            # It runs in a subshell with set -euo pipefail: it stops at the first command that fails.
            #
            # WARNING: the issuer has a port
            (
            set -euo pipefail
            : "${AWS_REGION:?set AWS_REGION}"

            # 1. Do it
            aws sts get-caller-identity
            )

            """.ReplaceLineEndings("\n"),
            SetupScript.Build(plan, "system:serviceaccount:a:b"));
    }

    [Fact]
    public void Build_QuotesTheHereDocument_WhenFileHasNoVariables()
    {
        var plan = new CloudSetupPlan("x", [SetupStep.Write("File", new SetupFile("f.yaml", "a: \"$HOME `x` \\\\\"\n"))]);

        Assert.Contains("cat > f.yaml <<'EOF'\na: \"$HOME `x` \\\\\"\nEOF\n", SetupScript.Build(plan, "s"));
    }

    [Fact]
    public void Build_EscapesEverythingButTheDeclaredReferences_WhenFileHasVariables()
    {
        var file = new SetupFile("f.yaml", "a: \"${AWS_REGION}\"\nb: \"$HOME ${OTHER} `x` \\\\\"\n") { Variables = ["AWS_REGION"] };

        Assert.Contains(
            "cat > f.yaml <<EOF\na: \"${AWS_REGION}\"\nb: \"\\$HOME \\${OTHER} \\`x\\` \\\\\\\\\"\nEOF\n",
            SetupScript.Build(new CloudSetupPlan("x", [SetupStep.Write("File", file)]), "s"));
    }

    [Fact]
    public void Build_CommentsOutEveryLineAndDoesNotNumber_WhenStepIsAlternative()
    {
        var plan = new CloudSetupPlan("x", [new SetupStep("OR this", [new SetupCommand("helm repo update")], new SetupFile("p.yaml", "a: 1\n")) { Alternative = true }]);

        Assert.EndsWith("\n# OR this:\n# cat > p.yaml <<'EOF'\n# a: 1\n# EOF\n# helm repo update\n)\n", SetupScript.Build(plan, "s"));
    }

    [Fact]
    public void Json_CarriesRequiresWarningsVariablesAndNestedCommands_WhenPlanHasThem()
    {
        var command = new SetupCommand("az identity create", new CommandOption("--name", "i")) { Unless = new SetupCommand("az identity show", new CommandOption("--name", "i")) };
        var capture = new SetupCommand("az identity show", new CommandOption("--query", "clientId")) { CaptureAs = "ID" };
        var plan = new CloudSetupPlan("azure", [SetupStep.Run("Identity", command, capture), SetupStep.Write("Pod", new SetupFile("pod.yaml", "x: ${ID}\n") { Variables = ["ID"] })])
        {
            Requires = [Region],
            Warnings = ["w"],
        };

        using var json = JsonDocument.Parse(SetupPlanJson.Build(plan, "s"));
        var root = json.RootElement;
        Assert.Equal(["w"], root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("AWS_REGION", root.GetProperty("requires")[0].GetProperty("name").GetString());
        var commands = root.GetProperty("steps")[0].GetProperty("commands");
        Assert.Equal(["az", "identity", "show", "--name", "i"], commands[0].GetProperty("unless").GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(JsonValueKind.Null, commands[0].GetProperty("pipeTo").ValueKind);
        Assert.Equal("ID", commands[1].GetProperty("stdoutVariable").GetString());
        Assert.Equal(["ID"], root.GetProperty("steps")[1].GetProperty("file").GetProperty("variables").EnumerateArray().Select(v => v.GetString()));
    }
}
