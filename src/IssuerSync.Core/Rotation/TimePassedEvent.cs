namespace IssuerSync.Core.Rotation;

/// <summary>Time passes (the reconcile timer): retained keys past their deadline are dropped, expired token bindings forgotten.</summary>
public sealed record TimePassedEvent : RotationEvent
{
    public static TimePassedEvent Instance { get; } = new();
}
