using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace IssuerSync.EndToEnd.Tests.Hosting;

/// <summary>
/// A push written byte for byte on a socket (HTTP/1.1, Connection: close), so a forged request can carry what
/// HttpClient refuses to send (a newline or a non-ASCII byte in the Authorization header), exactly as an attacker
/// would send it. The answer is read to the end: status code and JSON body (null when the server sent none).
/// </summary>
public static class RawPush
{
    public static async Task<(int Status, JsonNode? Json, string Body)> SendAsync(int port, byte[] body, string? authorization)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append("POST /api/PushKeys HTTP/1.1\r\n")
            .Append($"Host: 127.0.0.1:{port}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append($"Content-Length: {body.Length}\r\n")
            .Append("X-Forwarded-For: 203.0.113.7:51234, 10.0.0.4\r\n")
            .Append("Connection: close\r\n");
        if (authorization is not null)
        {
            head.Append($"Authorization: {authorization}\r\n");
        }

        head.Append("\r\n");
        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()));
            await stream.WriteAsync(body);
        }
        catch (IOException)
        {
            // The server answered and closed before reading everything (a body over the cap): read its answer.
        }

        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer);
        }
        catch (IOException)
        {
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no HTTP answer: '{text}'");
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var content = text[(split + 4)..];
        return (status, content.Length > 0 && content.TrimStart().StartsWith('{') ? JsonNode.Parse(content) : null, content);
    }
}
