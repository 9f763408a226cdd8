using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>
/// A loopback TCP forwarder in front of Azurite that records the method and path of every HTTP/1.1 request it
/// forwards (retries included: each attempt is a request). Responses are piped back unparsed; request bodies are
/// forwarded by Content-Length (the Azure SDK never sends chunked requests).
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<StorageRequest> _requests = new();
    private readonly Task _accepting;

    public CountingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Every request forwarded so far, in arrival order.</summary>
    public IReadOnlyList<StorageRequest> Snapshot() => _requests.ToArray();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                var fromClient = client.GetStream();
                var toUpstream = upstream.GetStream();
                var pending = new PendingRequest();
                var back = ForwardResponsesAsync(toUpstream, fromClient, pending);
                var forth = ForwardRequestsAsync(fromClient, toUpstream, pending);
                await Task.WhenAny(back, forth);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Pipes the answers back; the first bytes after a request went out stop that request's clock.</summary>
    private async Task ForwardResponsesAsync(NetworkStream from, NetworkStream to, PendingRequest pending)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            pending.Answered();
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    /// <summary>Reads each request head, records it, and forwards head and body byte for byte.</summary>
    private async Task ForwardRequestsAsync(NetworkStream from, NetworkStream to, PendingRequest pending)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            int headEnd;
            while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (filled == buffer.Length)
                {
                    throw new InvalidDataException("request head larger than 64 KiB");
                }

                var read = await from.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                if (read == 0)
                {
                    return;
                }

                filled += read;
            }

            var headLength = headEnd + 4;
            var head = Encoding.ASCII.GetString(buffer, 0, headLength);
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            long contentLength = 0;
            foreach (var line in lines.Skip(1))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    contentLength = long.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidDataException("chunked request bodies are not supported by the counting proxy");
                }
            }

            var request = StorageRequest.Parse(requestLine[0], requestLine[1]);
            _requests.Enqueue(request);
            pending.Sent(request);
            await to.WriteAsync(buffer.AsMemory(0, headLength), _stop.Token);
            var buffered = filled - headLength;
            var fromBuffer = (int)Math.Min(buffered, contentLength);
            await to.WriteAsync(buffer.AsMemory(headLength, fromBuffer), _stop.Token);
            var remaining = contentLength - fromBuffer;
            while (remaining > 0)
            {
                var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), _stop.Token);
                if (read == 0)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                remaining -= read;
            }

            var leftover = buffered - fromBuffer;
            Buffer.BlockCopy(buffer, headLength + fromBuffer, buffer, 0, leftover);
            filled = leftover;
        }
    }

    /// <summary>The request of a connection waiting for its answer (HTTP/1.1: one at a time per connection).</summary>
    private sealed class PendingRequest
    {
        private readonly Lock _gate = new();
        private StorageRequest? _request;
        private long _sentAt;

        public void Sent(StorageRequest request)
        {
            lock (_gate)
            {
                _request = request;
                _sentAt = Stopwatch.GetTimestamp();
            }
        }

        public void Answered()
        {
            lock (_gate)
            {
                if (_request is not null)
                {
                    _request.ServiceMilliseconds = Stopwatch.GetElapsedTime(_sentAt).TotalMilliseconds;
                    _request = null;
                }
            }
        }
    }
}
