namespace IssuerSync.Storage.Targets;

/// <summary>
/// A setting of a publish target, named abstractly: each host words it its own way (the CLI as a flag such as
/// --public-base-url, the function app as an app setting such as IssuerSync__Issuers__0__PublicBaseUrl).
/// </summary>
public enum StorageSetting
{
    Target,
    PublicBaseUrl,
    PrivateOrigin,
    ConnectionString,
    Region,
    S3Endpoint,
    JwksUri,
}
