using System.Text.Json;
using IssuerSync.Core.Json;

namespace IssuerSync.Cli;

/// <summary>The JSON of a verb's <c>--output json</c>: indented, camelCase names, URLs and paths left unescaped.</summary>
internal static class CliJson
{
    public static string Write(Action<Utf8JsonWriter> write) => IndentedJson.Write(write);
}
