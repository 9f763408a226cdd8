using System.Diagnostics;
using IssuerSync.Testing;

namespace IssuerSync.Functions.Tests.Package;

/// <summary>Runs scripts/package-functionapp.sh once (the quick framework-dependent build) into a temporary folder.</summary>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(RepositoryRoot.Path, "scripts", "package-functionapp.sh"), "--build", "jit", "--out", Out.Path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("package-functionapp.sh took more than 5 minutes");
        }

        ExitCode = process.ExitCode;
        Output = stdout.Result + stderr.Result;
    }

    public TempDirectory Out { get; } = new();

    public string App => Path.Combine(Out.Path, "functionapp");

    public string Zip => Path.Combine(Out.Path, "functionapp.zip");

    public int ExitCode { get; }

    public string Output { get; }

    public void Dispose() => Out.Dispose();
}
