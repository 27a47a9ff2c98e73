namespace CqSourceS3.Client.Text;

/// <summary>
/// Parses and recognises the text of one value (a CSV field, a JSON string) as each <see cref="TextType"/>, by hand
/// over spans: this runs once per value of every text object, so it neither allocates nor uses regular expressions.
/// </summary>
/// <remarks>
/// Recognition (<see cref="Detect"/>) is stricter than parsing: <c>007</c> parses as the int64 7 when a column is
/// declared int64, but inference keeps such a column as text, because a leading zero is part of the value
/// (postcodes, account numbers) and a number would silently lose it.
/// </remarks>
internal static class TextValues
{
    /// <summary>The narrowest type that holds <paramref name="text"/> (a value that is not null).</summary>
    public static TextType Detect(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return TextType.Utf8;
        }

        var first = text[0];
        if (char.IsAsciiDigit(first) || first == '-')
        {
            if (IsPlainInteger(text))
            {
                // Beyond int64 a float64 would lose digits: such a column stays text.
                return TryParseInt64(text, out _) ? TextType.Int64 : TextType.Utf8;
            }

            if (IsPlainDecimal(text))
            {
                return TextType.Float64;
            }

            if (TryParseDate(text, out _))
            {
                return TextType.Date;
            }

            return TryParseTimestamp(text, out _) ? TextType.Timestamp : TextType.Utf8;
        }

        return TryParseBool(text, out _) ? TextType.Bool : TextType.Utf8;
    }

    /// <summary>The type a JSON string's content is recognised as: a date, a timestamp, or text (never a number).</summary>
    public static TextType DetectString(ReadOnlySpan<char> text) =>
        TryParseDate(text, out _) ? TextType.Date : TryParseTimestamp(text, out _) ? TextType.Timestamp : TextType.Utf8;

    /// <summary><c>true</c> or <c>false</c>, in any case.</summary>
    public static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An optionally signed whole number within the int64 range.</summary>
    public static bool TryParseInt64(ReadOnlySpan<char> text, out long value) => NumberText.TryParseInt64(text, out value);

    /// <summary>A number in decimal or exponent notation, or <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.</summary>
    public static bool TryParseFloat64(ReadOnlySpan<char> text, out double value) => NumberText.TryParseFloat64(text, out value);

    /// <summary><c>yyyy-MM-dd</c>, as days since 1970-01-01.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out int days) => TemporalText.TryParseDate(text, out days);

    /// <summary>
    /// An ISO 8601 / RFC 3339 date and time, as microseconds since the epoch in UTC: <c>yyyy-MM-dd</c>, then <c>T</c>
    /// or a space, <c>HH:mm</c>, optional <c>:ss</c> and up to nine fraction digits (below a microsecond dropped),
    /// then <c>Z</c>, an offset (<c>+02:00</c>, <c>+0200</c>, <c>+02</c>) or nothing, which means UTC.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long micros) => TemporalText.TryParseTimestamp(text, out micros);

    // Digits, an optional leading minus, and no leading zero (a lone 0 is fine).
    private static bool IsPlainInteger(ReadOnlySpan<char> text)
    {
        var digits = text[0] == '-' ? text[1..] : text;
        return digits.Length > 0 && CountDigits(digits) == digits.Length && (digits[0] != '0' || digits.Length == 1);
    }

    // An integer part as above, then a fraction and/or an exponent.
    private static bool IsPlainDecimal(ReadOnlySpan<char> text)
    {
        var rest = text[0] == '-' ? text[1..] : text;
        var whole = CountDigits(rest);
        if (whole == 0 || (rest[0] == '0' && whole > 1))
        {
            return false;
        }

        rest = rest[whole..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            var fraction = CountDigits(rest[1..]);
            if (fraction == 0)
            {
                return false;
            }

            rest = rest[(1 + fraction)..];
        }

        if (rest.Length > 0 && rest[0] is 'e' or 'E')
        {
            rest = rest[1..];
            if (rest.Length > 0 && rest[0] is '+' or '-')
            {
                rest = rest[1..];
            }

            var exponent = CountDigits(rest);
            if (exponent == 0)
            {
                return false;
            }

            rest = rest[exponent..];
        }

        return rest.IsEmpty && TryParseFloat64(text, out var value) && double.IsFinite(value);
    }

    private static int CountDigits(ReadOnlySpan<char> text) => TemporalText.CountDigits(text);
}
