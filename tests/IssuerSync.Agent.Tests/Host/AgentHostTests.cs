using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using IssuerSync.Testing.Processes;

namespace IssuerSync.Agent.Tests.Host;

/// <summary>
/// The <c>issuersync-agent</c> executable against the loopback fake API server and publisher: it must do what
/// <c>issuersync agent run</c> does, option for option, line for line, exit code for exit code.
/// </summary>
public sealed class AgentHostTests : AgentWorldTests
{
    [Fact]
    public async Task IssuersyncAgentOnce_PushesTheApiServersKeysWithAFreshTokenAndExitsZero_WhenTheClusterIsHealthy()
    {
        var (code, stdout, stderr) = await AgentHostProcess.RunAsync(World.OnceArgs());

        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout);
        var push = Assert.Single(Publisher.Pushes);
        Assert.Equal([Api.KidOf(Api.Keys[0])], push.Kids);
        Assert.Equal(Issuer, push.Request.Issuer);
        Assert.Equal(AgentInfo.Version, push.Request.AgentVersion);
        var tokenRequest = Assert.Single(Api.TokenRequests);
        Assert.Equal((FakeApiServer.Namespace, FakeApiServer.AccountName, 600L), (tokenRequest.Namespace, tokenRequest.Name, tokenRequest.ExpirationSeconds));
        var events = Lines(stderr).Select(l => l["event"]!.GetValue<string>()).ToArray();
        Assert.Equal(["Starting", "Pushing", "PushAccepted"], events);
        Assert.DoesNotContain(push.Bearer!, stderr);
        Assert.DoesNotContain(push.Bearer!.Split('.')[2], stderr);
        Assert.DoesNotContain(FakeApiServer.AdminToken, stderr);
    }

    [Fact]
    public async Task IssuersyncAgentOnce_LogsTheLinesOfIssuersyncAgentRun_ForTheSameCycle()
    {
        var host = await AgentHostProcess.RunAsync(World.OnceArgs());
        var cli = await CliProcess.RunAsync(AgentWorld.AgentRun(World.OnceArgs()));

        Assert.True(host.ExitCode == 0 && cli.ExitCode == 0, host.Stderr + cli.Stderr);
        Assert.Equal(2, Publisher.Pushes.Count);
        Assert.Equal(WithoutTime(cli.Stderr), WithoutTime(host.Stderr));
    }

    [Fact]
    public async Task IssuersyncAgent_ExitsZeroAfterLoggingStopped_WhenSentSigterm()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // SIGTERM is a POSIX signal; Windows has no equivalent to send.
        }

        using var process = AgentHostProcess.Start(new Dictionary<string, string?>(), World.RunArgs("--interval", "1s", "--liveness-file", Dir.File("alive")));
        var log = await SigtermRun.UntilReadyThenTerminateAsync(process, () => !Publisher.Pushes.IsEmpty && File.Exists(Dir.File("alive")));

        Assert.Equal(0, process.ExitCode);

        Assert.Equal("Stopped", Lines(log).Last()["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task IssuersyncAgentHelp_ListsTheOptionsOfIssuersyncAgentRun_WithItsOwnName()
    {
        var host = await AgentHostProcess.RunAsync("--help");
        var cli = await CliProcess.RunAsync("agent", "run", "--help");

        Assert.Equal((0, ""), (host.ExitCode, host.Stderr));
        // The one difference: the probe subcommand (AgentProbeProcessTests), so the usage line names a command.
        Assert.Contains("Usage:\n  issuersync-agent [command] [options]\n", host.Stdout, StringComparison.Ordinal);
        Assert.Contains("    issuersync-agent --once --publisher https://issuersync-func.azurewebsites.net --issuer https://oidc.example.com --key-file /host/etc/kubernetes/pki/sa.pub\n", host.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("issuersync agent run", host.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            OptionLines(cli.Stdout).Append("  --version  Show version information").Select(Squeeze),
            OptionLines(host.Stdout).Select(Squeeze).OrderBy(l => l == "--version Show version information" ? 1 : 0));
    }

    [Fact]
    public async Task IssuersyncAgentVersion_PrintsTheProductVersionTheCliPrints()
    {
        var host = await AgentHostProcess.RunAsync("--version");
        var cli = await CliProcess.RunAsync("--version");

        Assert.Equal((0, ""), (host.ExitCode, host.Stderr));
        Assert.Matches(@"^\d+\.\d+\.\d+\n$", host.Stdout);
        Assert.Equal(cli.Stdout, host.Stdout);
        Assert.Equal(AgentInfo.Version, host.Stdout.Trim());
    }

    [Theory]
    [InlineData("--bogus", "Unrecognized command or argument '--bogus'.")]
    [InlineData("--interval=5x", "--interval '5x' is not a duration: write it as 90s, 10m, 1h or 1h30m")]
    [InlineData("--token-expiration=-10m", "--token-expiration '-10m' is negative: give a duration longer than zero, such as 90s, 10m or 1h (or leave the option out for 10m)")]
    [InlineData("--max-attempts=0", "--max-attempts 0 is out of range: give 1 to 20")]
    [InlineData("--max-attempts=21", "--max-attempts 21 is out of range: give 1 to 20")]
    [InlineData("--max-attempts=two", "Cannot parse argument 'two' for option '--max-attempts' as expected type 'System.Int32'.")]
    public async Task IssuersyncAgent_Exits1NamingTheOption_WhenAnOptionIsBad(string option, string message)
    {
        var (code, _, stderr) = await AgentHostProcess.RunAsync("--publisher", Publisher.BaseUri.ToString(), "--issuer", Issuer, "--once", option);
        var cli = await CliProcess.RunAsync("agent", "run", "--publisher", Publisher.BaseUri.ToString(), "--issuer", Issuer, "--once", option);

        Assert.Equal(1, code);
        Assert.Equal(message, stderr.Split('\n')[0]);
        Assert.Equal((cli.ExitCode, cli.Stderr.Split('\n')[0]), (code, stderr.Split('\n')[0]));
        Assert.Empty(Publisher.Pushes);
    }

    [Fact]
    public async Task IssuersyncAgent_Exits1NamingBoth_WhenPublisherAndIssuerAreMissing()
    {
        var (code, _, stderr) = await AgentHostProcess.RunAsync("--once");

        Assert.Equal(1, code);
        Assert.StartsWith("Option '--publisher' is required.\nOption '--issuer' is required.\n", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--issuer", "http://oidc.example.com/cluster1", "issuersync-agent: error: issuer URL 'http://oidc.example.com/cluster1' must use the https scheme (clouds fetch issuers over https only), not 'http'")]
    [InlineData("--token-expiration", "5m", "issuersync-agent: error: --token-expiration 00:05:00 is shorter than the 10 minutes the TokenRequest API accepts. Hint: pass --token-expiration 10m or more")]
    public async Task IssuersyncAgent_Exits2WithOneErrorLine_WhenAValueIsRefused(string option, string value, string line)
    {
        var args = new List<string>(World.OnceArgs());
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (code, _, stderr) = await AgentHostProcess.RunAsync([.. args]);

        Assert.Equal(2, code);
        Assert.Equal(line + "\n", stderr.Split('\n').Where(l => !l.StartsWith('{')).Aggregate("", (all, l) => all + (l.Length > 0 ? l + "\n" : "")));
        Assert.Empty(Publisher.Pushes);
    }

    [Fact]
    public async Task IssuersyncAgent_ReadsTheFunctionKeyAndKubeconfigFromTheEnvironment_AsTheCliDoes()
    {
        var (code, _, stderr) = await AgentHostProcess.RunAsync(
            new Dictionary<string, string?>
            {
                ["KUBECONFIG"] = World.Kubeconfig,
                [IssuerSync.Agent.Hosting.AgentOptions.FunctionKeyVariable] = "fn-key-from-env",
            },
            "--once", "--publisher", Publisher.BaseUri.ToString(), "--issuer", Issuer, "--max-attempts", "1");

        Assert.True(code == 0, stderr);
        Assert.Equal("fn-key-from-env", Assert.Single(Publisher.Pushes).Headers["x-functions-key"]);
        Assert.DoesNotContain("fn-key-from-env", stderr);
    }

    private static JsonObject[] Lines(string stderr)
        => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();

    private static string[] WithoutTime(string stderr) => Lines(stderr).Select(line =>
    {
        Assert.True(DateTimeOffset.TryParse(line["time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _), line.ToJsonString());
        line.Remove("time");
        return line.ToJsonString();
    }).ToArray();

    /// <summary>The lines of a help text's Options section.</summary>
    private static IEnumerable<string> OptionLines(string help)
        => help[(help.IndexOf("\nOptions:\n", StringComparison.Ordinal) + "\nOptions:\n".Length)..].Split('\n').TakeWhile(l => l.Length > 0);

    /// <summary>One space between words: the two help texts align their columns to their own widest option.</summary>
    private static string Squeeze(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
