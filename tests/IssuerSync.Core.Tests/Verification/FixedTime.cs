namespace IssuerSync.Core.Tests.Verification;

/// <summary>A clock that reads one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
