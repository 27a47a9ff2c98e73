using System.Text.Json;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Walks the one top-level object of a line with a <see cref="Utf8JsonReader"/>: its start, each key (unescaped only
/// when it holds escapes), each value as a <see cref="JsonToken"/>, and the check that nothing follows it.
/// </summary>
internal static class JsonLineObject
{
    /// <summary>Reads the line's first token, which must open an object.</summary>
    public static void ReadStart(ref Utf8JsonReader reader, long line)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw JsonLinesErrors.NotAnObject(line, reader.TokenType);
        }
    }

    /// <summary>Moves to the next key of the object; false at its end, once checked that nothing but whitespace follows.</summary>
    public static bool ReadKey(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            return true;
        }

        // The reader is in single-value mode, so this throws on anything after the object but whitespace.
        reader.Read();
        return false;
    }

    /// <summary>
    /// The current key's UTF-8 name: the bytes in the line, or, when it holds escapes, its text unescaped into
    /// <paramref name="scratch"/> (grown when too small).
    /// </summary>
    public static ReadOnlySpan<byte> KeyName(ref Utf8JsonReader reader, ref byte[] scratch, ReadOnlySpan<byte> line, long lineNumber)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        if (scratch.Length < reader.ValueSpan.Length)
        {
            scratch = new byte[Math.Max(reader.ValueSpan.Length, scratch.Length * 2)];
        }

        try
        {
            return scratch.AsSpan(0, reader.CopyString(scratch));
        }
        catch (InvalidOperationException)
        {
            throw JsonLinesErrors.UnpairedSurrogate(lineNumber, column: null, KeyToken(ref reader).In(line));
        }
    }

    /// <summary>The current key as written, with its quotes and escapes: valid JSON to copy into another object.</summary>
    public static JsonToken KeyToken(ref Utf8JsonReader reader) =>
        new((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2, JsonTokenType.PropertyName, reader.ValueIsEscaped);

    /// <summary>Reads the value of the current key, skipping over an object or array whole.</summary>
    public static JsonToken ReadValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        var kind = reader.TokenType;
        var escaped = kind == JsonTokenType.String && reader.ValueIsEscaped;
        if (kind is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return new JsonToken(start, (int)reader.BytesConsumed - start, kind, escaped);
    }
}
