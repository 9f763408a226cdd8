namespace IssuerSync.Core.CloudSetup;

/// <summary>Where the kubelet writes a service-account token for one audience inside the pod.</summary>
public sealed record ProjectedToken(string VolumeName, string MountPath, string FileName, string Audience, int ExpirationSeconds = 3600)
{
    public string FilePath => $"{MountPath}/{FileName}";
}
