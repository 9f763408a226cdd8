using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>
/// What the Functions host sends the handler: PushKeys proxied to /api/PushKeys (with the X-Forwarded-For the platform
/// adds), the Reconcile timer as POST /Reconcile {"Data": {"timer": …}}, each queue message as POST /ReconcileIssuer.
/// </summary>
internal static class HostInvocations
{
    private const string TimerPayload = """
        {"Data": {"timer": {"Schedule": {"AdjustForDST": true}, "ScheduleStatus": null, "IsPastDue": false}},
         "Metadata": {"sys": {"MethodName": "Reconcile", "UtcNow": "2026-12-01T10:05:00.0123456Z", "RandGuid": "0f8fad5b-d9cb-469f-a165-70867728950e"}}}
        """;

    /// <summary>One push: status, the answer's JSON and the latency as the agent sees it.</summary>
    public static async Task<(int Status, JsonNode Json, double Milliseconds)> PushAsync(HttpClient client, byte[] body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/PushKeys") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7:51234");
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        return ((int)response.StatusCode, JsonNode.Parse(text) ?? new JsonObject(), elapsed);
    }

    /// <summary>The timer fires: the queue messages the handler answers in Outputs.reconcile.</summary>
    public static async Task<IReadOnlyList<string>> ReconcileTimerAsync(HttpClient client)
    {
        using var response = await client.PostAsync("Reconcile", new StringContent(TimerPayload, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /Reconcile answered {(int)response.StatusCode}: {json.ToJsonString()}");
        }

        return json["Outputs"]!["reconcile"]!.AsArray().Select(m => (string)m!).ToArray();
    }

    /// <summary>One queue message delivered (first delivery): the status and the handler's log line.</summary>
    public static async Task<(int Status, string Log)> ReconcileIssuerAsync(HttpClient client, string message)
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["issuerId"] = message },
            ["Metadata"] = new JsonObject { ["DequeueCount"] = 1, ["Id"] = Guid.NewGuid().ToString() },
        }.ToJsonString();
        using var response = await client.PostAsync("ReconcileIssuer", new StringContent(payload, Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, (string?)json?["Logs"]?[0] ?? string.Empty);
    }
}
