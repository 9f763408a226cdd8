using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IssuerSync.EndToEnd.Tests.Forgery;
using IssuerSync.EndToEnd.Tests.Hosting;
using IssuerSync.Testing;
using IssuerSync.Testing.Handler;

namespace IssuerSync.EndToEnd.Tests.Faults;

/// <summary>
/// ReconcileIssuer as the Functions host calls it (a queue message posted to /ReconcileIssuer): 500 for a failure
/// a retry can cure, so the host redelivers and finally poisons the message; 200 for one it cannot, so the message
/// is not retried five times for nothing. One issuer's failure leaves the others alone.
/// </summary>
public sealed class ReconcileIssuerFaultTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task ReconcileIssuer_Answers500SoTheHostRetriesAndPushKeys503_WhenTheStateStoreIsUnreachable()
    {
        // A state container on a loopback port nobody listens on: every request is refused at once.
        var endpoint = $"http://127.0.0.1:{HandlerProcess.FreePort().ToString(CultureInfo.InvariantCulture)}/devstoreaccount1";
        var settings = Settings();
        settings["IssuerSync__StateStore"] = $"azblob:{endpoint}/issuersync-state";
        settings["IssuerSync__Connection"] = "STATE_CONNECTION";
        settings["STATE_CONNECTION"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Testing.Emulators.AzuriteBlobServer.AccountKey};BlobEndpoint={endpoint};";
        await using var handler = await HandlerProcess.StartAsync(settings);

        var (status, logs) = await ReconcileIssuerAsync(handler, "prod", dequeueCount: 3);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.StartsWith("prod: issuer prod: ", logs[0]);
        Assert.DoesNotContain(Testing.Emulators.AzuriteBlobServer.AccountKey, logs[0]);
        using var key = TestKeys.Rsa();
        var push = await RawPush.SendAsync(handler.Port, ForgeryWorld.Body(ForgeryWorld.Issuer("prod"), [key]), "Bearer " + ForgeryWorld.Token(key, ForgeryWorld.Issuer("prod")));
        Assert.Equal((503, "state_unavailable"), (push.Status, (string?)push.Json!["error"]));
    }

    [Fact]
    public async Task ReconcileIssuer_Answers200WithTheReasonAndLeavesOthersAlone_WhenTheStateDocumentIsCorrupt()
    {
        var corrupt = _folder.Write("state/prod.json", "{\"issuerId\": \"prod\", \"keys\": [ truncated");
        await using var handler = await HandlerProcess.StartAsync(Settings());
        using var edgeKey = TestKeys.Rsa();
        var enrol = await RawPush.SendAsync(handler.Port, ForgeryWorld.Body(ForgeryWorld.Issuer("edge"), [edgeKey]), "Bearer " + ForgeryWorld.Token(edgeKey, ForgeryWorld.Issuer("edge")));
        Assert.Equal(202, enrol.Status);

        var (status, logs) = await ReconcileIssuerAsync(handler, "prod", dequeueCount: 1);
        var (edgeStatus, edgeLogs) = await ReconcileIssuerAsync(handler, "edge", dequeueCount: 1);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("prod: issuer prod: ", logs[0]);
        Assert.Contains(corrupt, logs[0]);
        Assert.Equal(HttpStatusCode.OK, edgeStatus);
        Assert.Equal("edge: issuer edge: skipped", edgeLogs[0]);

        using var prodKey = TestKeys.Rsa();
        var push = await RawPush.SendAsync(handler.Port, ForgeryWorld.Body(ForgeryWorld.Issuer("prod"), [prodKey]), "Bearer " + ForgeryWorld.Token(prodKey, ForgeryWorld.Issuer("prod")));
        Assert.Equal((503, "state_unavailable"), (push.Status, (string?)push.Json!["error"]));
        Assert.Equal("{\"issuerId\": \"prod\", \"keys\": [ truncated", await File.ReadAllTextAsync(corrupt));
    }

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["IssuerSync__StateStore"] = "dir:" + _folder.File("state"),
            ["IssuerSync__ReconcileSchedule"] = "0 */5 * * * *",
        };
        string[] ids = ["prod", "edge"];
        for (var i = 0; i < ids.Length; i++)
        {
            settings[$"IssuerSync__Issuers__{i}__Id"] = ids[i];
            settings[$"IssuerSync__Issuers__{i}__Issuer"] = ForgeryWorld.Issuer(ids[i]);
            settings[$"IssuerSync__Issuers__{i}__Target"] = "dir:" + _folder.File(Path.Combine("docs", ids[i]));
            settings[$"IssuerSync__Issuers__{i}__AgentSubject"] = ForgeryWorld.Agent;
        }

        return settings;
    }

    private static async Task<(HttpStatusCode Status, IReadOnlyList<string> Logs)> ReconcileIssuerAsync(HandlerProcess handler, string issuerId, int dequeueCount)
    {
        var payload = $$$"""{"Data": {"issuerId": "{{{issuerId}}}"}, "Metadata": {"DequeueCount": {{{dequeueCount}}}, "Id": "{{{Guid.NewGuid()}}}", "InsertionTime": "2026-12-01T10:05:00+00:00"}}""";
        using var answer = await handler.Client.PostAsync("ReconcileIssuer", new StringContent(payload, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Null(json["ReturnValue"]);
        return (answer.StatusCode, json["Logs"]!.AsArray().Select(l => (string)l!).ToList());
    }
}
