using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Locates the keys and values of a line's top-level object in one pass over its bytes, without System.Text.Json's
/// general reader, whose per-token state machine took a fifth of a JSON Lines sync's CPU on the benchmark's
/// reference set (bench/RESULTS.md).
/// </summary>
/// <remarks>
/// It takes on only what it can judge exactly: valid JSON whose top-level keys hold no escape sequence, nested at most
/// 32 levels. Anything else (an escaped key, deeper nesting, any syntax error) returns false, and the caller reads the
/// line again with <see cref="JsonLineObject"/>, which gives the same tokens for valid lines and the error messages for
/// invalid ones. So the scanner never accepts a line the reader would reject, and never reads one differently
/// (FlatLineScannerTests compares both on every kind of line).
/// </remarks>
internal static class FlatLineScanner
{
    // A string ends at its quote; a backslash starts an escape; a control character is not allowed in it.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

    // Deeper values go to the general reader, whose own limit (64 levels) then decides.
    private const int MaxNestedDepth = 32;

    /// <summary>
    /// One key of the object (its name without quotes is <c>Key.Start + 1</c>, <c>Key.Length - 2</c>) and its value;
    /// <paramref name="Column"/> is the column the key names, or -1 when it names none (or no columns were given).
    /// </summary>
    public readonly record struct Entry(JsonToken Key, JsonToken Value, int Column);

    /// <summary>
    /// The object's keys and values in order, in <paramref name="entries"/> (grown when needed); false when the line
    /// is to be read by the general reader instead. With <paramref name="columns"/>, each key's column is found: first
    /// by comparing the key's bytes with the name of the column after the last one found (lines repeat one key order),
    /// which spares scanning and hashing the key, else by looking it up.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> line, ColumnIndex? columns, ref Entry[] entries, out int count)
    {
        count = 0;
        var expected = 0;
        var i = SkipWhitespace(line, 0);
        if (i >= line.Length || line[i] != '{')
        {
            return false;
        }

        i = SkipWhitespace(line, i + 1);
        if (i < line.Length && line[i] == '}')
        {
            return SkipWhitespace(line, i + 1) == line.Length;
        }

        while (true)
        {
            var column = -1;
            JsonToken key;
            if (columns?.PlainName(expected) is { } name && IsKey(line, i, name))
            {
                key = new JsonToken(i, name.Length + 2, JsonTokenType.PropertyName, Escaped: false);
                column = expected++;
            }
            else if (!TryString(line, i, out key) || key.Escaped)
            {
                return false;
            }
            else if (columns is not null)
            {
                column = columns.Find(line.Slice(key.Start + 1, key.Length - 2), expected);
                expected = column >= 0 ? column + 1 : expected;
            }

            i = SkipWhitespace(line, key.Start + key.Length);
            if (i >= line.Length || line[i] != ':')
            {
                return false;
            }

            i = SkipWhitespace(line, i + 1);
            if (!TryValue(line, i, depth: 1, out var value))
            {
                return false;
            }

            if (count == entries.Length)
            {
                Array.Resize(ref entries, entries.Length * 2);
            }

            entries[count++] = new Entry(key with { Kind = JsonTokenType.PropertyName }, value, column);
            i = SkipWhitespace(line, value.Start + value.Length);
            if (i >= line.Length)
            {
                return false;
            }

            if (line[i] == '}')
            {
                return SkipWhitespace(line, i + 1) == line.Length;
            }

            if (line[i] != ',')
            {
                return false;
            }

            i = SkipWhitespace(line, i + 1);
        }
    }

    // The string at start is exactly "name": a plain name holds no quote or backslash, so its bytes can only be an
    // unescaped key ending at the quote after them.
    private static bool IsKey(ReadOnlySpan<byte> line, int start, byte[] name) =>
        start + name.Length + 2 <= line.Length && line[start] == '"' && line[start + 1 + name.Length] == '"'
        && line.Slice(start + 1, name.Length).SequenceEqual(name);

    private static bool TryValue(ReadOnlySpan<byte> line, int start, int depth, out JsonToken value)
    {
        value = default;
        if (start >= line.Length)
        {
            return false;
        }

        switch (line[start])
        {
            case (byte)'"':
                return TryString(line, start, out value);
            case (byte)'t':
                return TryLiteral(line, start, "true"u8, JsonTokenType.True, out value);
            case (byte)'f':
                return TryLiteral(line, start, "false"u8, JsonTokenType.False, out value);
            case (byte)'n':
                return TryLiteral(line, start, "null"u8, JsonTokenType.Null, out value);
            case (byte)'{':
                return TryNested(line, start, depth, JsonTokenType.StartObject, out value);
            case (byte)'[':
                return TryNested(line, start, depth, JsonTokenType.StartArray, out value);
            default:
                return TryNumber(line, start, out value);
        }
    }

    // A string from its opening quote: escapes checked as JSON defines them (the text is unescaped later, if at all).
    private static bool TryString(ReadOnlySpan<byte> line, int start, out JsonToken value)
    {
        value = default;
        if (start >= line.Length || line[start] != '"')
        {
            return false;
        }

        var escaped = false;
        var i = start + 1;
        while (true)
        {
            i += ToStringStop(line[i..]);
            if (i >= line.Length)
            {
                return false;
            }

            if (line[i] == '"')
            {
                value = new JsonToken(start, i + 1 - start, JsonTokenType.String, escaped);
                return true;
            }

            if (line[i] != '\\' || i + 1 >= line.Length)
            {
                return false;
            }

            escaped = true;
            var escape = line[i + 1];
            if (escape == 'u')
            {
                if (i + 6 > line.Length || !IsHex(line[i + 2]) || !IsHex(line[i + 3]) || !IsHex(line[i + 4]) || !IsHex(line[i + 5]))
                {
                    return false;
                }

                i += 6;
            }
            else if (escape is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t')
            {
                i += 2;
            }
            else
            {
                return false;
            }
        }
    }

    // The offset of the first quote, backslash or control character in text, or its length when there is none. Most
    // strings are short, so one 16-byte compare usually finds the end; SearchValues takes longer strings.
    private static int ToStringStop(ReadOnlySpan<byte> text)
    {
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<byte>.Count)
        {
            var bytes = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(text));
            var stops = Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
                | Vector128.LessThan(bytes, Vector128.Create((byte)0x20));
            var mask = stops.ExtractMostSignificantBits();
            if (mask != 0)
            {
                return BitOperations.TrailingZeroCount(mask);
            }
        }

        var stop = text.IndexOfAny(StringStops);
        return stop < 0 ? text.Length : stop;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? — what follows is checked by the caller (a comma or the end).
    private static bool TryNumber(ReadOnlySpan<byte> line, int start, out JsonToken value)
    {
        value = default;
        var i = start;
        if (line[i] == '-')
        {
            i++;
        }

        if (i >= line.Length || !IsDigit(line[i]))
        {
            return false;
        }

        i = line[i] == '0' ? i + 1 : SkipDigits(line, i);
        if (i < line.Length && line[i] == '.')
        {
            if (i + 1 >= line.Length || !IsDigit(line[i + 1]))
            {
                return false;
            }

            i = SkipDigits(line, i + 1);
        }

        if (i < line.Length && line[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < line.Length && line[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (i >= line.Length || !IsDigit(line[i]))
            {
                return false;
            }

            i = SkipDigits(line, i);
        }

        value = new JsonToken(start, i - start, JsonTokenType.Number, Escaped: false);
        return true;
    }

    private static bool TryLiteral(ReadOnlySpan<byte> line, int start, ReadOnlySpan<byte> literal, JsonTokenType kind, out JsonToken value)
    {
        value = new JsonToken(start, literal.Length, kind, Escaped: false);
        return line[start..].StartsWith(literal);
    }

    // An object or array inside the line, checked as JSON and kept whole: its keys may hold escapes (they are not
    // columns), and a value nested too deep leaves the line to the general reader.
    private static bool TryNested(ReadOnlySpan<byte> line, int start, int depth, JsonTokenType kind, out JsonToken value)
    {
        value = default;
        var isObject = kind == JsonTokenType.StartObject;
        var close = isObject ? (byte)'}' : (byte)']';
        if (depth > MaxNestedDepth)
        {
            return false;
        }

        var i = SkipWhitespace(line, start + 1);
        if (i < line.Length && line[i] == close)
        {
            value = new JsonToken(start, i + 1 - start, kind, Escaped: false);
            return true;
        }

        while (true)
        {
            if (isObject)
            {
                if (!TryString(line, i, out var key))
                {
                    return false;
                }

                i = SkipWhitespace(line, key.Start + key.Length);
                if (i >= line.Length || line[i] != ':')
                {
                    return false;
                }

                i = SkipWhitespace(line, i + 1);
            }

            if (!TryValue(line, i, depth + 1, out var item))
            {
                return false;
            }

            i = SkipWhitespace(line, item.Start + item.Length);
            if (i >= line.Length)
            {
                return false;
            }

            if (line[i] == close)
            {
                value = new JsonToken(start, i + 1 - start, kind, Escaped: false);
                return true;
            }

            if (line[i] != ',')
            {
                return false;
            }

            i = SkipWhitespace(line, i + 1);
        }
    }

    // Lines written by programs rarely hold whitespace between tokens: the first byte usually ends it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> line, int start)
    {
        if ((uint)start >= (uint)line.Length || line[start] > (byte)' ')
        {
            return start;
        }

        var i = start;
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    private static int SkipDigits(ReadOnlySpan<byte> line, int start)
    {
        var i = start;
        while (i < line.Length && IsDigit(line[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;
}
