using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>
/// The real custom handler started as the Functions host starts it (tests/IssuerSync.Functions.Tests' HandlerProcess):
/// the app settings as environment variables, FUNCTIONS_CUSTOMHANDLER_PORT a free loopback port. Its log goes to a file.
/// </summary>
internal sealed class BenchHandler : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private BenchHandler(Process process, int port, StreamWriter log)
    {
        _process = process;
        _log = log;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    /// <param name="handler">The handler's executable (a package's handler/IssuerSync.Functions) or its IssuerSync.Functions.dll.</param>
    public static async Task<BenchHandler> StartAsync(string handler, IReadOnlyDictionary<string, string> settings, string logFile)
    {
        handler = Path.GetFullPath(handler);
        var port = FreePort();
        var dll = handler.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(dll ? "dotnet" : handler)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(handler)!,
        };
        if (dll)
        {
            start.ArgumentList.Add(handler);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("IssuerSync__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{handler} did not start");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var bench = new BenchHandler(process, port, log);
        process.OutputDataReceived += (_, e) => bench.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bench.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await IssuerSync.Testing.Handler.ListeningWait.UntilListeningAsync(process, port, TimeSpan.FromSeconds(60), () => $"; its log: {logFile}"))
        {
            return bench;
        }

        await bench.DisposeAsync();
        throw new InvalidOperationException($"the handler did not listen within 60 s; its log: {logFile}");
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
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (!_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
