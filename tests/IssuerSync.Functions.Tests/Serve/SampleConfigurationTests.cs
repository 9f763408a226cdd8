using System.Net;
using System.Text.Json.Nodes;
using IssuerSync.Cli.Commands;
using IssuerSync.Testing;

namespace IssuerSync.Functions.Tests.Serve;

/// <summary>The README's walk of <c>serve</c>: samples/publisher.json, with out/ beside samples/, starts and answers status.</summary>
public sealed class SampleConfigurationTests
{
    [Fact]
    public async Task Serve_StartsWithTheSampleConfiguration_AndAnswersStatus()
    {
        using var repo = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(repo.Path, "samples"));
        Directory.CreateDirectory(Path.Combine(repo.Path, "out"));
        var config = Path.Combine(repo.Path, "samples", "publisher.json");
        File.Copy(Path.Combine(RepositoryRoot.Path, "samples", "publisher.json"), config);
        const string key = "0123456789abcdef0123456789abcdef";
        File.WriteAllText(Path.Combine(repo.Path, "out", "operator.key"), key + "\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();

        var serve = ServeCommand.RunAsync(new ServeCommand.Options { Config = config, Port = 0 }, stdout, stderr, stop.Token);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!stdout.ToString().Contains("listening on ", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline && !serve.IsCompleted, $"serve did not start: {stdout}{stderr}");
                await Task.Delay(20);
            }

            var url = stdout.ToString().Split("listening on ")[1].Split(' ')[0].TrimEnd(',');
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/api/issuers/cluster1");
            request.Headers.Add("x-functions-key", key);
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("https://oidc.example.com/cluster1", (string?)status["issuer"]);
            Assert.Contains("1 issuer(s)", stdout.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await serve;
        }
    }
}
