using System.Text;
using System.Text.Json;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// What a JSON value is as a column value: the type inference gives it and the conversions reading applies. Both use
/// the same tests, so every value inference has seen reads back into the column it shaped.
/// </summary>
internal static class JsonValues
{
    /// <summary>
    /// A string token longer than this is never a date or timestamp, even with every character <c>\u</c>-escaped
    /// (the longest timestamp is 35 characters), so its text need not be looked at.
    /// </summary>
    public const int MaxTemporalTokenBytes = 256;

    /// <summary>
    /// The narrowest type holding <paramref name="token"/>: true/false are bool; a number is int64 when it is a whole
    /// number written without fraction or exponent in the int64 range, else float64 (utf8 when beyond float64 too);
    /// a string is a date, a timestamp or utf8 (never a number); an object or array is json; null is
    /// <see cref="TextType.Empty"/>.
    /// </summary>
    public static TextType TypeOf(JsonToken token, ReadOnlySpan<byte> line)
    {
        var bytes = token.In(line);
        return token.Kind switch
        {
            JsonTokenType.True or JsonTokenType.False => TextType.Bool,
            JsonTokenType.Number => TryInt64(bytes, out _) ? TextType.Int64 : TryFloat64(bytes, out _) ? TextType.Float64 : TextType.Utf8,
            JsonTokenType.String => StringTypeOf(bytes, token.Escaped),
            JsonTokenType.StartObject or JsonTokenType.StartArray => TextType.Json,
            _ => TextType.Empty,
        };
    }

    /// <summary>A number token as an int64: digits only, in range.</summary>
    public static bool TryInt64(ReadOnlySpan<byte> number, out long value) => NumberText.TryParseInt64(number, out value);

    /// <summary>A number token as a finite float64 (<c>1e400</c> is not one).</summary>
    public static bool TryFloat64(ReadOnlySpan<byte> number, out double value) =>
        NumberText.TryParseFloat64(number, out value) && double.IsFinite(value);

    /// <summary>
    /// The UTF-8 text of a string token: the bytes between its quotes, or, when it holds escapes, its text unescaped
    /// into <paramref name="scratch"/>, which must be at least as long as the token. False when an escape is a lone
    /// UTF-16 surrogate, which has no UTF-8 form.
    /// </summary>
    public static bool TryGetText(ReadOnlySpan<byte> token, bool escaped, Span<byte> scratch, out ReadOnlySpan<byte> text)
    {
        if (!escaped)
        {
            text = token[1..^1];
            return true;
        }

        // System.Text.Json's unescaping is reached only through a reader, so a small one reads the token again.
        var reader = new Utf8JsonReader(token);
        reader.Read();
        try
        {
            text = scratch[..reader.CopyString(scratch)];
            return true;
        }
        catch (InvalidOperationException)
        {
            text = default;
            return false;
        }
    }

    /// <summary>
    /// The characters of a string token for the date and timestamp parsers, in <paramref name="chars"/> (of
    /// <see cref="MaxTemporalTokenBytes"/>); false when the token is too long to be one or cannot be unescaped.
    /// </summary>
    public static bool TryGetTemporalChars(ReadOnlySpan<byte> token, bool escaped, Span<char> chars, out int length)
    {
        length = 0;
        if (token.Length > MaxTemporalTokenBytes)
        {
            return false;
        }

        if (!escaped)
        {
            length = Encoding.UTF8.GetChars(token[1..^1], chars);
            return true;
        }

        Span<byte> scratch = stackalloc byte[MaxTemporalTokenBytes];
        if (!TryGetText(token, escaped, scratch, out var text))
        {
            return false;
        }

        length = Encoding.UTF8.GetChars(text, chars);
        return true;
    }

    private static TextType StringTypeOf(ReadOnlySpan<byte> token, bool escaped)
    {
        Span<char> chars = stackalloc char[MaxTemporalTokenBytes];
        return TryGetTemporalChars(token, escaped, chars, out var length) ? TextValues.DetectString(chars[..length]) : TextType.Utf8;
    }
}
