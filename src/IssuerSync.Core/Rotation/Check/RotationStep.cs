namespace IssuerSync.Core.Rotation.Check;

/// <summary>The two rotation steps that are only safe after a wait (docs/rotation.md, steps 3 and 5).</summary>
public enum RotationStep
{
    /// <summary>Step 3: make the new key the one the API server signs with.</summary>
    Switch,

    /// <summary>Step 5: remove the old key from the keys the API server verifies with.</summary>
    Remove,
}
