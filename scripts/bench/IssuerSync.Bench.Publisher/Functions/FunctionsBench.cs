using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;
using IssuerSync.Storage.State.Azure;
using IssuerSync.Testing.Emulators;

namespace IssuerSync.Bench.Publisher.Functions;

/// <summary>
/// scripts/bench-functions: the function app's figures through the real custom handler, on loopback with Azurite
/// behind a counting proxy (state in a private container, documents in a public one, one prefix per issuer).
/// Setup (enrolling the issuers) writes state documents straight to Azurite, uncounted; everything measured goes
/// through the handler as the Functions host drives it, and every storage request it makes is counted.
/// </summary>
internal static class FunctionsBench
{
    private const string ConnectionSetting = "BenchStorage";

    public static async Task<int> RunAsync(FunctionsBenchOptions options)
    {
        Directory.CreateDirectory(options.WorkFolder);
        var figures = new List<Figure>();
        Console.WriteLine($"bench-functions: {options.Issuers} issuers through the custom handler {options.Handler}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}; handler, Azurite and this client share the cores");

        var issuers = new BenchIssuers(options.Issuers, signers: 16);
        await using var azurite = new AzuriteBlobServer();
        await using var proxy = new CountingProxy(azurite.Port);
        var direct = new BlobServiceClient(azurite.ConnectionString);
        await direct.GetBlobContainerClient(BenchIssuers.StateContainer).CreateAsync(PublicAccessType.None);
        await direct.GetBlobContainerClient(BenchIssuers.DocumentContainer).CreateAsync(PublicAccessType.Blob);
        await direct.GetBlobContainerClient("naive").CreateAsync(PublicAccessType.Blob);
        var store = new AzureBlobStateStore(direct.GetBlobContainerClient(BenchIssuers.StateContainer));
        var enrolWatch = Stopwatch.StartNew();
        await issuers.EnrolAsync(store, DateTimeOffset.UtcNow);
        Console.WriteLine($"setup: {options.Issuers} issuers enrolled and trusted (state documents written straight to Azurite, not counted) in {enrolWatch.Elapsed.TotalSeconds:0.0} s");

        var proxiedEndpoint = new Uri($"http://127.0.0.1:{proxy.Port}/{AzuriteBlobServer.AccountName}");
        var proxiedConnection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteBlobServer.AccountName};AccountKey={AzuriteBlobServer.AccountKey};BlobEndpoint={proxiedEndpoint};";
        var settingsFile = Path.Combine(options.WorkFolder, "settings.json");
        await File.WriteAllTextAsync(settingsFile, issuers.SettingsJson(proxiedEndpoint, ConnectionSetting));
        await using var handler = await BenchHandler.StartAsync(options.Handler, new Dictionary<string, string>
        {
            ["IssuerSync__ConfigFile"] = settingsFile,
            [ConnectionSetting] = proxiedConnection,
        }, Path.Combine(options.WorkFolder, "handler.log"));
        var cpu = new ProcessCpu(new Dictionary<string, int>
        {
            ["handler"] = handler.ProcessId,
            ["azurite"] = ProcessCpu.Find("azurite-blob", $"--blobPort {azurite.Port}") ?? throw new InvalidOperationException("Azurite's process not found"),
            ["bench+proxy"] = Environment.ProcessId,
        });

        var first = await ReconcileAsync(handler, proxy, cpu, options.ReconcileParallelism);
        Console.WriteLine($"setup: first Reconcile publishes every issuer: {first.Line}");
        Console.WriteLine($"       {first.Tally.Breakdown()}");

        figures.AddRange(await PushesAsync(issuers, handler, proxy, cpu, options));
        figures.AddRange(await RePushesAsync(issuers, handler, proxy, cpu, options));

        var changed = issuers.Ids.Where((_, i) => i % (options.Issuers / options.Changed) == (options.Issuers / options.Changed) / 2).ToHashSet(StringComparer.Ordinal);
        foreach (var id in changed)
        {
            await BenchIssuers.AddKeyBehindThePublishersBackAsync(store, id, DateTimeOffset.UtcNow);
        }

        var pass = await ReconcileAsync(handler, proxy, cpu, options.ReconcileParallelism);
        var unchangedWritten = pass.Tally.IssuersWritten.Where(id => !changed.Contains(id)).ToArray();
        Console.WriteLine($"reconcile: {changed.Count} of {options.Issuers} issuers changed behind the publisher's back ({string.Join(",", changed.Take(3))}…); Reconcile + {options.ReconcileParallelism} parallel ReconcileIssuer: {pass.Line}");
        Console.WriteLine($"       {pass.Tally.Breakdown()}");
        Console.WriteLine($"       {pass.Cpu}; Azurite's service time {pass.Tally.ServiceMilliseconds / 1000:0.0} s summed over the requests");
        var naive = await NaiveAsync(issuers, proxy, proxiedConnection, options.ReconcileParallelism);
        Console.WriteLine($"naive: both documents re-uploaded for all {options.Issuers} issuers, {options.ReconcileParallelism} in parallel: {naive.Wall.TotalSeconds:0.00} s, {naive.Tally.Total} requests, {naive.Tally.Writes} writes");
        figures.Add(new Figure($"Reconcile of {options.Issuers} issuers ({changed.Count} changed), wall", $"{pass.Wall.TotalSeconds:0.00} s (naive re-upload {naive.Wall.TotalSeconds:0.00} s)", "<= 10 s", pass.Wall.TotalSeconds <= 10 && pass.Failed == 0));
        figures.Add(new Figure("Reconcile storage requests", string.Create(CultureInfo.InvariantCulture,
            $"{pass.Tally.Total} ({(double)pass.Tally.Total / options.Issuers:0.00}/issuer: {pass.Tally.StateReads} state reads, {pass.Tally.StateWrites} state writes, {pass.Tally.DocumentReads} document reads, {pass.Tally.DocumentWrites} document writes); naive {naive.Tally.Total}, {naive.Tally.Writes} writes"), "-", null));
        figures.Add(new Figure("Reconcile writes for unchanged issuers", $"{unchangedWritten.Length} issuers written{(unchangedWritten.Length > 0 ? ": " + string.Join(",", unchangedWritten.Take(5)) : string.Empty)}; {pass.Published} published, {pass.Unchanged} unchanged, {pass.Failed} failed", $"0; exactly the {changed.Count} changed published", unchangedWritten.Length == 0 && pass.Published == changed.Count && pass.Failed == 0));

        if (options.ColdStartFile is not null)
        {
            figures.AddRange(ColdStartResults.Read(options.ColdStartFile));
        }

        Console.WriteLine();
        var width = figures.Max(f => f.Name.Length);
        foreach (var figure in figures)
        {
            Console.WriteLine($"{figure.Verdict,-4}  {figure.Name.PadRight(width)}  {figure.Value}   [target {figure.Target}]");
        }

        return 0;
    }

    /// <summary>Accepted-and-published pushes one at a time: each adds a new key, so each one publishes.</summary>
    private static async Task<IEnumerable<Figure>> PushesAsync(BenchIssuers issuers, BenchHandler handler, CountingProxy proxy, ProcessCpu cpu, FunctionsBenchOptions options)
    {
        var warmup = issuers.Ids.Skip(options.Issuers - 20).ToArray();
        foreach (var id in warmup)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var (body, token) = issuers.Push(id, DateTimeOffset.UtcNow.AddSeconds(-1), null, key);
            Accepted(await HostInvocations.PushAsync(handler.Client, body, token), published: true);
        }

        var latencies = new List<double>(options.Pushes);
        var before = proxy.Snapshot();
        var cpuBefore = cpu.Sample();
        var wall = Stopwatch.StartNew();
        for (var n = 0; n < options.Pushes; n++)
        {
            var id = issuers.Ids[n % options.PushIssuers];
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var (body, token) = issuers.Push(id, DateTimeOffset.UtcNow.AddSeconds(-1), null, key);
            latencies.Add(Accepted(await HostInvocations.PushAsync(handler.Client, body, token), published: true));
        }

        wall.Stop();
        var tally = RequestTally.Between(before, proxy.Snapshot(), BenchIssuers.StateContainer);
        latencies.Sort();
        var (p50, p99) = (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"push: {options.Pushes} accepted-and-published pushes, one at a time over {options.PushIssuers} issuers (each adds a key): p50 {p50:0.0} ms, p90 {Percentile(latencies, 0.90):0.0} ms, p99 {p99:0.0} ms, max {latencies[^1]:0.0} ms; {(double)tally.Total / options.Pushes:0.0} storage requests per push, Azurite's service time {tally.ServiceMilliseconds / options.Pushes:0.0} ms per push (mean latency {latencies.Average():0.0} ms)"));
        Console.WriteLine($"       {tally.Breakdown()}");
        Console.WriteLine($"       {cpu.Since(cpuBefore, wall.Elapsed)}");
        return
        [
            new Figure("accepted-and-published push p50", $"{p50:0.0} ms", "<= 50 ms", p50 <= 50),
            new Figure("accepted-and-published push p99", $"{p99:0.0} ms", "<= 200 ms", p99 <= 200),
            new Figure("accepted-and-published push storage requests", string.Create(CultureInfo.InvariantCulture, $"{(double)tally.Total / options.Pushes:0.0}/push ({(double)tally.StateReads / options.Pushes:0.0} state reads, {(double)tally.StateWrites / options.Pushes:0.0} state writes, {(double)tally.DocumentReads / options.Pushes:0.0} document reads, {(double)tally.DocumentWrites / options.Pushes:0.0} document writes)"), "-", null),
        ];
    }

    /// <summary>Unchanged re-pushes: one agent per issuer, all at once, a fresh token per push (minted before the clock starts).</summary>
    private static async Task<IEnumerable<Figure>> RePushesAsync(BenchIssuers issuers, BenchHandler handler, CountingProxy proxy, ProcessCpu cpu, FunctionsBenchOptions options)
    {
        var agents = issuers.Ids.Skip(100).Take(options.Agents).ToArray();
        await Task.WhenAll(agents.Select(async id =>
        {
            for (var i = 0; i < 3; i++)
            {
                var (body, token) = issuers.Push(id, DateTimeOffset.UtcNow.AddSeconds(-1), null);
                Accepted(await HostInvocations.PushAsync(handler.Client, body, token), published: false);
            }
        }));
        var minted = agents.ToDictionary(id => id, id => Enumerable.Range(0, options.RePushesPerAgent).Select(k => issuers.Push(id, DateTimeOffset.UtcNow.AddSeconds(-1), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(10 + k))).ToArray());

        var latencies = new ConcurrentBag<double>();
        var before = proxy.Snapshot();
        var cpuBefore = cpu.Sample();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(agents.Select(id => Task.Run(async () =>
        {
            foreach (var (body, token) in minted[id])
            {
                latencies.Add(Accepted(await HostInvocations.PushAsync(handler.Client, body, token), published: false));
            }
        })));
        wall.Stop();
        var pushes = options.Agents * options.RePushesPerAgent;
        var tally = RequestTally.Between(before, proxy.Snapshot(), BenchIssuers.StateContainer);
        var rate = pushes / wall.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToList();
        var exact = tally.StateReads == pushes && tally.StateWrites == pushes && tally.Total == 2 * pushes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"re-push: {pushes} unchanged re-pushes by {options.Agents} concurrent agents (one issuer each): {wall.Elapsed.TotalSeconds:0.00} s, {rate:0} pushes/s; latency p50 {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, of which Azurite's service time {tally.ServiceMilliseconds / pushes:0.0} ms per push"));
        Console.WriteLine($"       {tally.Breakdown()}");
        Console.WriteLine($"       {cpu.Since(cpuBefore, wall.Elapsed)}");
        return
        [
            new Figure($"unchanged re-push throughput, {options.Agents} agents", $"{rate:0}/s", ">= 300/s", rate >= 300),
            new Figure("unchanged re-push storage requests", string.Create(CultureInfo.InvariantCulture,
                $"{(double)tally.StateReads / pushes:0.00} state reads + {(double)tally.StateWrites / pushes:0.00} state writes + {(double)(tally.DocumentReads + tally.DocumentWrites) / pushes:0.00} document requests per push ({tally.Total} for {pushes})"), "exactly 1 read + 1 write, nothing published", exact),
        ];
    }

    private static async Task<ReconcilePass> ReconcileAsync(BenchHandler handler, CountingProxy proxy, ProcessCpu cpu, int parallelism)
    {
        var before = proxy.Snapshot();
        var cpuBefore = cpu.Sample();
        var wall = Stopwatch.StartNew();
        var messages = await HostInvocations.ReconcileTimerAsync(handler.Client);
        var outcomes = new ConcurrentBag<(int Status, string Log)>();
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (message, _) =>
            outcomes.Add(await HostInvocations.ReconcileIssuerAsync(handler.Client, message)));
        wall.Stop();
        var tally = RequestTally.Between(before, proxy.Snapshot(), BenchIssuers.StateContainer);
        var failures = outcomes.Where(o => o.Status != 200).ToArray();
        if (failures.Length > 0)
        {
            Console.WriteLine($"       {failures.Length} ReconcileIssuer invocations failed, e.g. {failures[0].Status}: {failures[0].Log}");
        }

        return new ReconcilePass(wall.Elapsed, messages.Count, tally, cpu.Since(cpuBefore, wall.Elapsed))
        {
            Published = outcomes.Count(o => o.Status == 200 && o.Log.Contains(": published", StringComparison.Ordinal)),
            Unchanged = outcomes.Count(o => o.Status == 200 && o.Log.Contains(": unchanged", StringComparison.Ordinal)),
            Failed = failures.Length,
        };
    }

    /// <summary>What a naive publisher does every time: PUT both documents of every issuer, unconditionally.</summary>
    private static async Task<(TimeSpan Wall, RequestTally Tally)> NaiveAsync(BenchIssuers issuers, CountingProxy proxy, string connection, int parallelism)
    {
        var container = new BlobServiceClient(connection).GetBlobContainerClient("naive");
        var before = proxy.Snapshot();
        var wall = Stopwatch.StartNew();
        await Parallel.ForEachAsync(issuers.Ids, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (id, ct) =>
        {
            var key = ServiceAccountKey.FromSubjectPublicKeyInfo(issuers.Signer(id).ExportSubjectPublicKeyInfo(), "bench", null);
            var documents = IssuerDocuments.Create(IssuerUrl.Parse(BenchIssuers.Issuer(id)), null, KeySet.Create([key]));
            var headers = new BlobHttpHeaders { ContentType = "application/json", CacheControl = "public, max-age=300" };
            await container.GetBlobClient($"{id}/{documents.JwksPath}").UploadAsync(new BinaryData(documents.Jwks), new BlobUploadOptions { HttpHeaders = headers }, ct);
            await container.GetBlobClient($"{id}/{documents.DiscoveryPath}").UploadAsync(new BinaryData(documents.Discovery), new BlobUploadOptions { HttpHeaders = headers }, ct);
        });
        wall.Stop();
        return (wall.Elapsed, RequestTally.Between(before, proxy.Snapshot(), BenchIssuers.StateContainer));
    }

    private static double Accepted((int Status, System.Text.Json.Nodes.JsonNode Json, double Milliseconds) answer, bool published)
    {
        var publish = (string?)answer.Json["publish"]?["status"];
        if (answer.Status != 200 || (published ? publish != "published" : publish is not null))
        {
            throw new InvalidOperationException($"push answered {answer.Status} {answer.Json.ToJsonString()}; expected 200 with {(published ? "publish.status published" : "nothing published")}");
        }

        return answer.Milliseconds;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string CpuModel()
    {
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }

    private sealed record ReconcilePass(TimeSpan Wall, int Messages, RequestTally Tally, string Cpu)
    {
        public int Published { get; init; }

        public int Unchanged { get; init; }

        public int Failed { get; init; }

        public string Line => string.Create(CultureInfo.InvariantCulture,
            $"{Messages} messages in {Wall.TotalSeconds:0.00} s; {Published} published, {Unchanged} unchanged, {Failed} failed; {Tally.Total} storage requests ({(double)Tally.Total / Math.Max(1, Messages):0.00}/issuer), {Tally.Writes} writes");
    }
}
