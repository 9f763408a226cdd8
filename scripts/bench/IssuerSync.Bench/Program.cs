using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IssuerSync.Core.Documents;
using IssuerSync.Core.Issuers;
using IssuerSync.Core.Keys;
using IssuerSync.Storage.Publishing;
using IssuerSync.Storage.Targets;
using IssuerSync.Storage.Targets.Azure;
using IssuerSync.Storage.Targets.S3;
using IssuerSync.Testing;
using IssuerSync.Testing.Emulators;

// Publishes N issuers (default 1000) to Azurite and to s3rver in three phases (all new, all unchanged,
// 1% changed) with DocumentPublisher, and the same with a naive uploader that PUTs both documents every
// time. Prints wall time and storage requests per issuer for each phase.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var parallelism = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
const string PublicBase = "https://oidc.bench.test";

Console.WriteLine($"bench-publish: {count} issuers, {parallelism} in parallel, EC P-256 keys; requests counted at the HTTP layer (retries included)");
var keys = Enumerable.Range(0, count).Select(_ => Parse(TestKeys.Ec())).ToArray();
var extra = Parse(TestKeys.Ec());
var changed = Enumerable.Range(0, count).Where(i => i % 100 == 0).ToHashSet();

IssuerDocuments Documents(int i, bool phaseChanged)
{
    var issuer = IssuerUrl.Parse($"{PublicBase}/i{i:D5}");
    var set = phaseChanged && changed.Contains(i) ? KeySet.Create(keys[i].Concat(extra)) : KeySet.Create(keys[i]);
    return IssuerDocuments.Create(issuer, null, set);
}

var rows = new List<string>();
await using (var azurite = new AzuriteBlobServer())
{
    var service = new BlobServiceClient(azurite.ConnectionString);
    await service.GetBlobContainerClient("bench").CreateAsync(PublicAccessType.Blob);
    await service.GetBlobContainerClient("naive").CreateAsync(PublicAccessType.Blob);
    AzureBlobTarget Azure(string container, RequestCounter requests)
    {
        var location = AzureBlobLocation.Parse($"{azurite.BlobEndpoint}/{container}");
        var options = new AzureBlobTargetOptions { PublicBaseUrl = new Uri(PublicBase), Requests = requests };
        return AzureBlobTarget.Create(AzureBlobClients.FromConnectionString(azurite.ConnectionString, location, AzureBlobClients.Options(options)), location, options);
    }

    var (publisherRequests, naiveRequests) = (new RequestCounter(), new RequestCounter());
    var publisher = Azure("bench", publisherRequests);
    var naive = Azure("naive", naiveRequests);
    await RunAsync("azurite", publisherRequests, naiveRequests, i => publisher.Under($"i{i:D5}"), i => naive.Under($"i{i:D5}"));
}

await using (var s3rver = new S3rverServer())
{
    var credentials = new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey);
    using (var client = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = s3rver.Endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
    {
        await client.PutBucketAsync("bench");
        await client.PutBucketAsync("naive");
    }

    S3Target S3(string bucket, RequestCounter requests)
    {
        var location = S3Location.Parse($"s3://{bucket}");
        var options = new S3TargetOptions { Endpoint = s3rver.Endpoint, PathStyle = true, Region = "us-east-1", PublicBaseUrl = new Uri(PublicBase), Requests = requests };
        return S3Target.Create(new AmazonS3Client(credentials, S3Clients.Config(location, options)), location, options);
    }

    var (publisherRequests, naiveRequests) = (new RequestCounter(), new RequestCounter());
    var publisher = S3("bench", publisherRequests);
    var naive = S3("naive", naiveRequests);
    await RunAsync("s3rver", publisherRequests, naiveRequests, i => publisher.Under($"i{i:D5}"), i => naive.Under($"i{i:D5}"));
}

Console.WriteLine();
Console.WriteLine($"{"store",-8} {"phase",-12} {"issuers",7} | {"issuersync s",12} {"req/issuer",10} {"reads",6} {"writes",6} | {"naive s",8} {"req/issuer",10} {"writes",6}");
foreach (var row in rows)
{
    Console.WriteLine(row);
}

return 0;

async Task RunAsync(string store, RequestCounter publisherRequests, RequestCounter naiveRequests, Func<int, IBlobTarget> publisherTarget, Func<int, IBlobTarget> naiveTarget)
{
    var publisherTargets = Enumerable.Range(0, count).Select(publisherTarget).ToArray();
    var naiveTargets = Enumerable.Range(0, count).Select(naiveTarget).ToArray();
    var options = new PublishOptions();
    foreach (var (phase, isChanged) in new[] { ("all new", false), ("unchanged", false), ("1% changed", true) })
    {
        var (ours, oursReads, oursWrites, written) = await MeasureAsync(publisherRequests, async i =>
            (await DocumentPublisher.PublishAsync(Documents(i, isChanged), publisherTargets[i], options, new PublishProgress(), publisherRequests).ConfigureAwait(false)).Written);
        var (naiveTime, naiveReads, naiveWrites, _) = await MeasureAsync(naiveRequests, async i =>
        {
            var documents = Documents(i, isChanged);
            await naiveTargets[i].WriteAsync(documents.JwksPath!, new DocumentContent(documents.Jwks, options.JwksContentType, options.CacheControl), WriteCondition.None).ConfigureAwait(false);
            await naiveTargets[i].WriteAsync(documents.DiscoveryPath, new DocumentContent(documents.Discovery, options.DiscoveryContentType, options.CacheControl), WriteCondition.None).ConfigureAwait(false);
            return 2;
        });
        var row = string.Create(CultureInfo.InvariantCulture,
            $"{store,-8} {phase,-12} {count,7} | {ours.TotalSeconds,12:F2} {(double)(oursReads + oursWrites) / count,10:F2} {(double)oursReads / count,6:F2} {(double)oursWrites / count,6:F2} | {naiveTime.TotalSeconds,8:F2} {(double)(naiveReads + naiveWrites) / count,10:F2} {(double)naiveWrites / count,6:F2}");
        rows.Add(row);
        Console.WriteLine($"{row}   (documents written by issuersync: {written})");
    }
}

async Task<(TimeSpan Wall, long Reads, long Writes, long Written)> MeasureAsync(RequestCounter counter, Func<int, Task<int>> publishOne)
{
    var (reads, writes) = (counter.Reads, counter.Writes);
    long written = 0;
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
        Interlocked.Add(ref written, await publishOne(i).ConfigureAwait(false)));
    watch.Stop();
    return (watch.Elapsed, counter.Reads - reads, counter.Writes - writes, written);
}

static IReadOnlyList<ServiceAccountKey> Parse(System.Security.Cryptography.AsymmetricAlgorithm key)
    => KeyFileParser.Parse(Encoding.ASCII.GetBytes(TestKeys.PublicPem(key)), "bench.pem");
