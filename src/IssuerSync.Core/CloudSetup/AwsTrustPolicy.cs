using IssuerSync.Core.Json;

namespace IssuerSync.Core.CloudSetup;

/// <summary>
/// The role trust policy that lets exactly one service account assume the role: the issuer's OIDC
/// provider as the federated principal, sts:AssumeRoleWithWebIdentity, and StringEquals on both
/// PROVIDER:aud and PROVIDER:sub.
/// </summary>
public static class AwsTrustPolicy
{
    /// <summary>IAM names the provider, and its condition keys, by the issuer URL without https://.</summary>
    public static string ProviderKey(WorkloadIdentity identity) => identity.Issuer.Value["https://".Length..];

    public static string ProviderArn(WorkloadIdentity identity, AwsSetupOptions options)
        => $"arn:{options.Partition}:iam::{options.AccountId}:oidc-provider/{ProviderKey(identity)}";

    public static string Build(WorkloadIdentity identity, AwsSetupOptions options)
    {
        var key = ProviderKey(identity);
        return IndentedJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("Version", "2012-10-17");
            writer.WriteStartArray("Statement");
            writer.WriteStartObject();
            writer.WriteString("Effect", "Allow");
            writer.WriteStartObject("Principal");
            writer.WriteString("Federated", ProviderArn(identity, options));
            writer.WriteEndObject();
            writer.WriteString("Action", "sts:AssumeRoleWithWebIdentity");
            writer.WriteStartObject("Condition");
            writer.WriteStartObject("StringEquals");
            writer.WriteString($"{key}:aud", options.Audience);
            writer.WriteString($"{key}:sub", identity.Subject);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }) + "\n";
    }
}
