using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using IssuerSync.Functions.Tests.Handler;
using IssuerSync.Publisher.Web.Invocations;
using IssuerSync.Testing;
using IssuerSync.Testing.Handler;

namespace IssuerSync.Functions.Tests.Package;


/// <summary>host.json and every function.json, in the repository and as packaged, match the function table.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackageTests(PackageFixture package) : IClassFixture<PackageFixture>
{
    public static TheoryData<string> Functions => [.. FunctionTable.All];

    public static TheoryData<string> HttpFunctions => [.. FunctionTable.Http.Keys];

    [Fact]
    public void HostJson_DeclaresTheCustomHandlerProxyingAndBundle_InTheRepository()
    {
        var host = Json(Path.Combine(RepositoryRoot.Path, "host.json"));
        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("handler/IssuerSync.Functions", (string?)host["customHandler"]!["description"]!["defaultExecutablePath"]);
        Assert.True((bool)host["customHandler"]!["enableProxyingHttpRequest"]!);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]!["id"]);
        Assert.Equal("[4.*, 5.0.0)", (string?)host["extensionBundle"]!["version"]);
        Assert.Equal(5, (int)host["extensions"]!["queues"]!["maxDequeueCount"]!);
        Assert.Equal("api", (string?)host["extensions"]!["http"]!["routePrefix"]);
        Assert.NotNull(host["logging"]!["logLevel"]!["default"]);
    }

    [Fact]
    public void FunctionsFolder_HoldsExactlyTheTablesFunctions()
    {
        var defined = Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "functions"))
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(FunctionTable.All.Order(StringComparer.Ordinal), defined);
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunction_HasTheTablesRouteMethodAndFunctionAuth(string name)
    {
        var bindings = Bindings(Path.Combine(RepositoryRoot.Path, "functions", name, "function.json"));
        var trigger = Assert.Single(bindings, b => (string?)b["type"] == "httpTrigger");
        Assert.Equal("in", (string?)trigger["direction"]);
        Assert.Equal("function", (string?)trigger["authLevel"]);
        Assert.Equal(FunctionTable.Http[name].Route, (string?)trigger["route"]);
        Assert.Equal([FunctionTable.Http[name].Method], trigger["methods"]!.AsArray().Select(m => (string)m!));
        var output = Assert.Single(bindings, b => (string?)b["type"] == "http");
        Assert.Equal("out", (string?)output["direction"]);
        Assert.Equal(2, bindings.Count);
    }

    [Fact]
    public void Reconcile_IsATimerOnTheScheduleSettingWithOneQueueOutput()
    {
        var bindings = Bindings(Path.Combine(RepositoryRoot.Path, "functions", "Reconcile", "function.json"));
        var timer = Assert.Single(bindings, b => (string?)b["type"] == "timerTrigger");
        Assert.Equal(FunctionBindings.Timer, (string?)timer["name"]);
        Assert.Equal("%IssuerSync__ReconcileSchedule%", (string?)timer["schedule"]);
        var queue = Assert.Single(bindings, b => (string?)b["type"] == "queue");
        Assert.Equal(("out", FunctionBindings.ReconcileOutput, FunctionTable.Queue, "AzureWebJobsStorage"),
            ((string?)queue["direction"], (string?)queue["name"], (string?)queue["queueName"], (string?)queue["connection"]));
        Assert.Equal(2, bindings.Count);
    }

    [Fact]
    public void ReconcileIssuer_IsTriggeredByTheReconcileQueue()
    {
        var bindings = Bindings(Path.Combine(RepositoryRoot.Path, "functions", "ReconcileIssuer", "function.json"));
        var queue = Assert.Single(bindings);
        Assert.Equal(("queueTrigger", "in", FunctionBindings.IssuerIdTrigger, FunctionTable.Queue, "AzureWebJobsStorage"),
            ((string?)queue["type"], (string?)queue["direction"], (string?)queue["name"], (string?)queue["queueName"], (string?)queue["connection"]));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void PackagedFunction_IsTheRepositorysFunctionJson(string name)
    {
        Assert.True(package.ExitCode == 0, package.Output);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "functions", name, "function.json")),
            File.ReadAllBytes(Path.Combine(package.App, name, "function.json")));
    }

    [Fact]
    public void PackagedApp_HasHostJsonAndAnExecutableHandlerAtDefaultExecutablePath()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "host.json")), File.ReadAllBytes(Path.Combine(package.App, "host.json")));
        var executable = Path.Combine(package.App, (string)Json(Path.Combine(package.App, "host.json"))["customHandler"]!["description"]!["defaultExecutablePath"]!);
        Assert.True(File.Exists(executable), executable);
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
        Assert.Contains("package-functionapp: build jit;", package.Output);
    }

    [Fact]
    public void PackagedZip_KeepsTheExecutableBitAndLeavesOutLocalSettings()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        using var zip = ZipFile.OpenRead(package.Zip);
        var handler = Assert.Single(zip.Entries, e => e.FullName == "handler/IssuerSync.Functions");
        Assert.NotEqual(0, (handler.ExternalAttributes >> 16) & 0b001_001_001);
        Assert.Contains(zip.Entries, e => e.FullName == "host.json");
        Assert.All(FunctionTable.All, name => Assert.Contains(zip.Entries, e => e.FullName == $"{name}/function.json"));
        Assert.DoesNotContain(zip.Entries, e => e.FullName == "local.settings.json");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PackagedHandler_AnswersTheTimerInvocation_WhenStartedFromTheAppFolder()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        using var world = new PublisherWorld();
        var port = HandlerProcess.FreePort();
        var start = new ProcessStartInfo(Path.Combine(package.App, "handler", "IssuerSync.Functions"))
        {
            WorkingDirectory = Path.Combine(package.App, "handler"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in world.Settings())
        {
            start.Environment[key] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient();
            string? body = null;
            for (var attempt = 0; attempt < 200 && body is null; attempt++)
            {
                try
                {
                    body = await (await client.PostAsync($"http://127.0.0.1:{port}/Reconcile", new StringContent("{\"Data\":{\"timer\":{}},\"Metadata\":{}}"))).Content.ReadAsStringAsync();
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.Equal("{\"Outputs\":{\"reconcile\":[\"prod\",\"edge\"]},\"Logs\":[\"queued 2 issuer(s) on issuersync-reconcile\"],\"ReturnValue\":null}", body);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task DeployScript_RunsFuncPublishInTheAppFolder_WithTheAppName()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        using var bin = new TempDirectory();
        var record = bin.File("argv");
        var func = bin.Write("func", $"#!/usr/bin/env bash\n{{ pwd; printf '%s\\n' \"$@\"; }} > '{record}'\n");
        File.SetUnixFileMode(func, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(RepositoryRoot.Path, "scripts", "deploy-functionapp.sh"), "issuersync-prod", "--folder", package.App, "--", "--no-build" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = bin.Path + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal([Path.GetFullPath(package.App), "azure", "functionapp", "publish", "issuersync-prod", "--no-build"], await File.ReadAllLinesAsync(record));
    }

    [Fact]
    public async Task DeployScript_ExitsWithTheFix_WhenFuncIsNotInstalled()
    {
        Assert.True(package.ExitCode == 0, package.Output);
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(RepositoryRoot.Path, "scripts", "deploy-functionapp.sh"), "issuersync-prod", "--folder", package.App })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = "/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("'func' (Azure Functions Core Tools v4) is not on PATH", stderr);
    }

    private static JsonNode Json(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    private static List<JsonNode> Bindings(string path) => [.. Json(path)["bindings"]!.AsArray().Select(b => b!)];
}
