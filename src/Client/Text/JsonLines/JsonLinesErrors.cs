using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// The <see cref="TextDataException"/>s a JSON Lines object fails with, each naming its line (and column), so every
/// message reads the same way whichever part of the reader finds the fault.
/// </summary>
internal static class JsonLinesErrors
{
    // A value shown in a message is cut here: enough to recognise it, not a whole nested document.
    private const int ShownValueBytes = 64;

    public static TextDataException LineTooLong(long line, int maxLineBytes) =>
        new($"line {line} is longer than jsonl.max_line_bytes ({maxLineBytes} bytes)", line);

    public static TextDataException InvalidUtf8(long line, ReadOnlySpan<byte> bytes) =>
        new($"line {line} is not valid UTF-8 (at byte offset {FirstInvalidByte(bytes)} of the line)", line);

    public static TextDataException InvalidJson(long line, JsonException inner)
    {
        // The reader saw one line only, so its own "LineNumber: 0 | BytePositionInLine: n" would contradict ours.
        var reason = inner.Message;
        var position = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        reason = position < 0 ? reason : reason[..position];
        return new($"line {line} is not valid JSON (at byte offset {inner.BytePositionInLine} of the line): {reason}", line, inner: inner);
    }

    public static TextDataException NotAnObject(long line, JsonTokenType token) =>
        new($"line {line}: a JSON Lines row must be an object, not {KindOf(token)} (mode: raw reads any JSON value)", line);

    public static TextDataException DoesNotFit(long line, string column, ReadOnlySpan<byte> token, TextType type)
    {
        var name = TextTypes.Describe(type);
        var article = name[0] is 'i' or 'a' ? "an" : "a";
        return new($"line {line}, column \"{column}\": {Show(token)} is not {article} {name}", line, column);
    }

    public static TextDataException UnpairedSurrogate(long line, string? column, ReadOnlySpan<byte> token) =>
        new($"line {line}{(column is null ? "" : $", column \"{column}\"")}: {Show(token)} escapes a lone UTF-16 surrogate, which has no UTF-8 form", line, column);

    /// <summary>The JSON token as written, cut short (at a character boundary) when long.</summary>
    public static string Show(ReadOnlySpan<byte> token)
    {
        if (token.Length <= ShownValueBytes)
        {
            return Encoding.UTF8.GetString(token);
        }

        var cut = ShownValueBytes;
        while (cut > 0 && (token[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return Encoding.UTF8.GetString(token[..cut]) + "…";
    }

    private static string KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a bool",
        _ => "null",
    };

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }
}
