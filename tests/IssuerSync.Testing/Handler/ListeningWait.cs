using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IssuerSync.Testing.Handler;

/// <summary>Waits until a started process accepts connections on a loopback port, as the Functions host waits for its handler.</summary>
public static class ListeningWait
{
    /// <param name="detail">What to add to an error (the process's output, or where its log is).</param>
    /// <returns>False when the port did not open within <paramref name="timeout"/>; throws when the process exited first.</returns>
    public static async Task<bool> UntilListeningAsync(Process process, int port, TimeSpan timeout, Func<string> detail)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the handler exited with {process.ExitCode}{detail()}");
            }

            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
