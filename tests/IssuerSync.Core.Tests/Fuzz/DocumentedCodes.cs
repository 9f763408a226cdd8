using System.Reflection;
using IssuerSync.Core.Rotation;
using IssuerSync.Core.Trust;

namespace IssuerSync.Core.Tests.Fuzz;

/// <summary>Every refusal code the push entry point documents: the constants of <see cref="PushRefusalCodes"/> and <see cref="RotationErrorCodes"/>.</summary>
internal static class DocumentedCodes
{
    public static readonly IReadOnlySet<string> All = new[] { typeof(PushRefusalCodes), typeof(RotationErrorCodes) }
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);
}
