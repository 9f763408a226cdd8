using System.CommandLine;

namespace IssuerSync.Cli.Commands;

/// <summary><c>issuersync rotate</c>: help with the signing-key rotation runbook (docs/rotation.md).</summary>
internal static class RotateCommand
{
    public static Command Create() => new("rotate", SharedOptions.WithExample(
        "Help with a signing-key rotation (docs/rotation.md): check whether the next step is safe now.",
        "issuersync rotate check --publisher https://issuersync-func.azurewebsites.net --issuer-id factory-1 --new-key sa-new.pub"))
    {
        RotateCheckCommand.Create(),
    };
}
