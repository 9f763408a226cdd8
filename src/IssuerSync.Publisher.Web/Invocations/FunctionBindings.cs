namespace IssuerSync.Publisher.Web.Invocations;

/// <summary>
/// IMPORTANT: the binding names of functions/Reconcile/function.json and functions/ReconcileIssuer/function.json;
/// change both together (the package test compares them).
/// </summary>
public static class FunctionBindings
{
    /// <summary>The queue every Reconcile message goes to and ReconcileIssuer reads.</summary>
    public const string ReconcileQueue = "issuersync-reconcile";

    /// <summary>Reconcile's timer trigger.</summary>
    public const string Timer = "timer";

    /// <summary>Reconcile's queue output (one message per issuer: the issuer id).</summary>
    public const string ReconcileOutput = "reconcile";

    /// <summary>ReconcileIssuer's queue trigger (the message: an issuer id).</summary>
    public const string IssuerIdTrigger = "issuerId";
}
