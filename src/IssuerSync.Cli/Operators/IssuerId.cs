using IssuerSync.Core;
using IssuerSync.Core.Registration;

namespace IssuerSync.Cli.Operators;

/// <summary>The <c>--issuer-id</c> of the operator verbs: the id of the issuer's registration, a segment of the route.</summary>
internal static class IssuerId
{
    public static string Check(string value)
        => RegistrationValidator.IsValidId(value)
            ? value
            : throw new IssuerSyncException($"--issuer-id '{value}': not an issuer id. Hint: " +
                "use the id of the issuer's registration (1 to 63 lowercase letters, digits or '-', starting with a letter or digit); " +
                "`issuersync status` lists them");

    public static string Route(string id, string action = "") => $"api/issuers/{Uri.EscapeDataString(id)}{(action.Length == 0 ? string.Empty : "/" + action)}";
}
