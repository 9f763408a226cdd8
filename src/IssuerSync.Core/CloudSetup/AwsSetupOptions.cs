namespace IssuerSync.Core.CloudSetup;

/// <summary>The AWS IAM side: an OIDC provider for the issuer and a role the service account may assume.</summary>
public sealed class AwsSetupOptions
{
    public const string DefaultAudience = "sts.amazonaws.com";

    public required string AccountId { get; init; }

    public required string RoleName { get; init; }

    /// <summary>SHA-1 of the top CA certificate the issuer's host serves (see <see cref="AwsThumbprint"/>), 40 hex digits.</summary>
    public required string Thumbprint { get; init; }

    /// <summary>Which certificate the thumbprint is of, for the step's title; null when given by hand.</summary>
    public string? ThumbprintSource { get; init; }

    public string Audience { get; init; } = DefaultAudience;

    /// <summary>aws, aws-cn or aws-us-gov.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>The pod's AWS_REGION (its STS endpoint); the script requires $AWS_REGION when null.</summary>
    public string? Region { get; init; }

    /// <summary>Permission policies attached to the role; an example is printed commented out when empty.</summary>
    public IReadOnlyList<string> PolicyArns { get; init; } = [];
}
