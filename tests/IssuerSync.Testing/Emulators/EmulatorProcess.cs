using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IssuerSync.Testing.Emulators;

/// <summary>
/// A storage emulator from .tools/ (installed by scripts/install-tools.sh) running on 127.0.0.1 on
/// a free port, with its data in a temporary folder. Stopped, and its data deleted, on dispose.
/// </summary>
public class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _data;

    protected EmulatorProcess(string tool, Func<int, string, string[]> arguments)
    {
        var executable = System.IO.Path.Combine(RepositoryRoot.Path, ".tools", "node_modules", ".bin", tool);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{tool} is not installed: run ./scripts/install-tools.sh (./scripts/test.sh does it for you)");
        }

        _data = new TempDirectory();
        Port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments(Port, _data.Path))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(tool);
    }

    public int Port { get; }

    public bool IsRunning => !_process.HasExited;

    /// <summary>Stops the emulator at once (to provoke a storage failure mid-publish).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(string tool)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{tool} exited with code {_process.ExitCode} before listening on 127.0.0.1:{Port}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Kill();
        throw new InvalidOperationException($"{tool} did not listen on 127.0.0.1:{Port} within 60 s");
    }
}
