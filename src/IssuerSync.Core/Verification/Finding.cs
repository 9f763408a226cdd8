namespace IssuerSync.Core.Verification;

/// <summary>
/// One result of a check: what is wrong (or, for <see cref="FindingSeverity.Info"/>, what was seen),
/// the error a cloud answers with because of it, and the fix. <see cref="Code"/> is stable for scripts.
/// </summary>
public sealed record Finding(FindingSeverity Severity, string Code, string Message, string? CloudError = null, string? Fix = null)
{
    public static Finding Error(string code, string message, string? cloudError, string? fix) => new(FindingSeverity.Error, code, message, cloudError, fix);

    public static Finding Warning(string code, string message, string? cloudError, string? fix) => new(FindingSeverity.Warning, code, message, cloudError, fix);

    public static Finding Info(string code, string message) => new(FindingSeverity.Info, code, message);
}
