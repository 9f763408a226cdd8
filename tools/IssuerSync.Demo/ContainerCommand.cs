using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace IssuerSync.Demo;

/// <summary><c>container</c>: the public-read container the documents go to (what <c>az storage container create --public-access blob</c> does).</summary>
public static class ContainerCommand
{
    public static async Task<int> RunAsync(DemoArguments options)
    {
        var variable = options.Required("connection-variable");
        var connection = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new DemoException($"${variable} holds no connection string");
        var name = options.Required("name");
        var container = new BlobServiceClient(connection).GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync(PublicAccessType.Blob);
        Console.WriteLine($"container: {name} (public read: blob)");
        return 0;
    }
}
