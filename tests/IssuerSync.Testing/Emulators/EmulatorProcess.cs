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
    private readonly TempDirectory _data;
    private readonly string _tool;
    private readonly ProcessStartInfo _start;
    private Process _process;

    protected EmulatorProcess(string tool, Func<int, string, string[]> arguments)
    {
        var executable = System.IO.Path.Combine(RepositoryRoot.Path, ".tools", "node_modules", ".bin", tool);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{tool} is not installed: run ./scripts/install-tools.sh (./scripts/test.sh does it for you)");
        }

        _tool = tool;
        _data = new TempDirectory();
        Port = FreePort();
        var start = _start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments(Port, _data.Path))
        {
            start.ArgumentList.Add(argument);
        }

        _process = StartProcess();
        WaitUntilListening(tool);
    }

    /// <summary>The emulator's data folder (kept across <see cref="Restart"/>).</summary>
    public string DataDirectory => _data.Path;

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

    /// <summary>Starts the emulator again on the same port with the same data folder (after <see cref="Kill"/>).</summary>
    public void Restart()
    {
        Kill();
        _process.Dispose();
        _process = StartProcess();
        WaitUntilListening(_tool);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        _data.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private Process StartProcess()
    {
        var process = Process.Start(_start) ?? throw new InvalidOperationException($"{_tool} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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
