using IssuerSync.Storage.Targets.Directory;

namespace IssuerSync.Storage.Targets;

/// <summary>Turns a --target value ("dir:PATH") into a target.</summary>
public static class PublishTargetFactory
{
    public const string Forms = "dir:PATH";

    public static IPublishTarget Create(string spec)
    {
        if (spec.StartsWith("dir:", StringComparison.Ordinal))
        {
            var path = spec["dir:".Length..];
            return path.Length > 0
                ? new DirectoryTarget(path)
                : throw new StorageException($"target '{spec}' names no directory: use dir:PATH, e.g. dir:./out/issuer");
        }

        throw new StorageException($"target '{spec}' is not one this version knows: use {Forms}");
    }
}
