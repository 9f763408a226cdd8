using System.Text.Json;

namespace IssuerSync.Core.Json;

/// <summary>
/// Whether every string and property name of a JSON text is real text. The reader accepts invalid UTF-8 and lone
/// surrogate escapes ("\ud800") inside strings and only throws when such a string is read, so inputs are checked
/// once, up front, and refused as malformed instead of crashing a later read.
/// </summary>
public static class JsonText
{
    public static bool IsWellFormed(ReadOnlySpan<byte> json, int maxDepth = 64)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Invalid JSON is the caller's parser's to describe; only undecodable strings are "not well formed".
            return e is JsonException;
        }
    }
}
