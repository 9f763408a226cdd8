using System.Diagnostics;
using IssuerSync.Publisher;
using IssuerSync.Publisher.Configuration;
using IssuerSync.Storage.State.Directory;
using IssuerSync.Testing;
using IssuerSync.Testing.Issuers;
using Microsoft.Extensions.Time.Testing;

namespace IssuerSync.Bench.Publisher;

/// <summary>
/// N unchanged re-pushes (a fresh token each, a minute apart) through the publisher's push entry point with a
/// directory state store: the state document's size and the push latency per window of pushes. A healthy issuer's
/// state must stay bounded and the latency flat however long the agent runs.
/// </summary>
internal static class StateGrowth
{
    public static async Task RunAsync(int pushes, int window)
    {
        using var folder = new TempDirectory();
        var statePath = Path.Combine(folder.Path, "state");
        var clock = new FakeTimeProvider(StateWorld.Now);
        var settings = new PublisherSettings
        {
            StateStore = "dir:" + statePath,
            Issuers = [new IssuerSettings { Registration = StateWorld.Prod with { Target = "dir:" + Path.Combine(folder.Path, "docs") } }],
        };
        var app = PublisherApp.Create(settings, new PublisherDependencies { Time = clock, StateStore = new DirectoryStateStore(statePath) });
        Check(await app.Push.PushAsync(StateWorld.Body(clock.GetUtcNow(), StateWorld.Signer), StateWorld.Token(clock.GetUtcNow()), "192.0.2.7"), 202);
        var fingerprint = StateWorld.Key(StateWorld.Signer).Fingerprint;
        var approved = await app.Operators.ApproveAsync("prod", System.Text.Encoding.UTF8.GetBytes($$"""{"fingerprints": ["{{fingerprint}}"], "operator": "bench"}"""));
        if (approved.HttpStatus != 200)
        {
            throw new InvalidOperationException($"approve answered {approved.HttpStatus}");
        }

        var stateFile = Path.Combine(statePath, "prod.json");
        Console.WriteLine($"bench-state-growth: {pushes} unchanged re-pushes through PushService, directory state store, a fresh token per push, one minute apart");
        Console.WriteLine($"{"pushes",8} {"state bytes",12} {"history",8} {"bindings",9} {"p50 ms",8} {"p99 ms",8}");
        var latencies = new List<double>(window);
        for (var i = 1; i <= pushes; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var now = clock.GetUtcNow();
            var body = StateWorld.Body(now, StateWorld.Signer);
            var token = StateWorld.Token(now);
            var watch = Stopwatch.StartNew();
            Check(await app.Push.PushAsync(body, token, "192.0.2.7"), 200);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (i % window == 0)
            {
                var state = (await new DirectoryStateStore(statePath).ReadAsync("prod"))!.State;
                latencies.Sort();
                Console.WriteLine($"{i,8} {new FileInfo(stateFile).Length,12} {state.History.Count,8} {state.Tokens.Count,9} {latencies[latencies.Count / 2],8:0.00} {latencies[(int)(latencies.Count * 0.99)],8:0.00}");
                latencies.Clear();
            }
        }
    }

    private static void Check(IssuerSync.Publisher.Services.PushOutcome outcome, int expected)
    {
        if (outcome.HttpStatus != expected)
        {
            throw new InvalidOperationException($"push answered {outcome.HttpStatus} {outcome.Response.Error}: {outcome.Response.Message}");
        }
    }
}
