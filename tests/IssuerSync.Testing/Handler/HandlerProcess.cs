using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IssuerSync.Testing.Handler;

/// <summary>
/// The real custom handler, started as the Functions host starts it: `dotnet IssuerSync.Functions.dll` with the
/// app settings as environment variables and FUNCTIONS_CUSTOMHANDLER_PORT set to a free loopback port.
/// The test project references functions/IssuerSync.Functions, so the handler's build output lands next to the tests.
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HandlerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "IssuerSync.Functions.dll");

    /// <summary>Starts the handler and waits until it listens (the host gives it 60 s; it needs well under one).</summary>
    public static async Task<HandlerProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var process = Start(new Dictionary<string, string>(settings) { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var handler = new HandlerProcess(process, port);
        process.OutputDataReceived += (_, e) => handler.Append(e.Data);
        process.ErrorDataReceived += (_, e) => handler.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await ListeningWait.UntilListeningAsync(process, port, TimeSpan.FromSeconds(60), () => ": " + handler.Output))
        {
            return handler;
        }

        await handler.DisposeAsync();
        throw new InvalidOperationException("the handler did not listen within 60 s: " + handler.Output);
    }

    /// <summary>Runs the handler to its exit (for refused configurations): exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(IReadOnlyDictionary<string, string> settings)
    {
        using var process = Start(settings);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static Process Start(IReadOnlyDictionary<string, string> settings)
    {
        // ISSUERSYNC_TEST_HANDLER runs these tests against a published build (e.g. the Native AOT executable).
        var published = Environment.GetEnvironmentVariable("ISSUERSYNC_TEST_HANDLER");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(published) ? "dotnet" : published)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (string.IsNullOrEmpty(published))
        {
            start.ArgumentList.Add(Dll);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("IssuerSync__", StringComparison.OrdinalIgnoreCase) || k == "FUNCTIONS_CUSTOMHANDLER_PORT").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
