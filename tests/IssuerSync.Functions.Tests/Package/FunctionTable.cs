using IssuerSync.Publisher.Web.Invocations;

namespace IssuerSync.Functions.Tests.Package;

/// <summary>The function table of issue 10 / docs/publisher-api.md: names, triggers, routes, methods, auth levels.</summary>
public static class FunctionTable
{
    public static readonly IReadOnlyDictionary<string, (string Method, string Route)> Http = new Dictionary<string, (string, string)>
    {
        ["PushKeys"] = ("post", "PushKeys"),
        ["PublishNow"] = ("post", "issuers/{id}/publish"),
        ["Approve"] = ("post", "issuers/{id}/approve"),
        ["Revoke"] = ("post", "issuers/{id}/revoke"),
        ["Status"] = ("get", "issuers/{id?}"),
    };

    public static readonly string[] All = [.. Http.Keys, "Reconcile", "ReconcileIssuer"];

    public const string Queue = FunctionBindings.ReconcileQueue;
}
