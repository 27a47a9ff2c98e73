using System.Globalization;
using System.Numerics;
using static CqSourceS3.Client.Text.TextCode;

namespace CqSourceS3.Client.Text;

/// <summary>
/// Parses int64 and float64 values from text (CSV characters or JSON bytes) with a fast path for the plain forms
/// that nearly every file holds, and the runtime's parser for everything else. The runtime's general parser cost a
/// quarter of a CSV sync's CPU on the benchmark's reference set (three float columns): see bench/RESULTS.md.
/// </summary>
/// <remarks>
/// The fast path accepts only text the runtime's parser accepts with the same value, so the results are the runtime's
/// in every case. For float64 it is Clinger's exact case where it applies: at most 19 digits whose value is at most
/// 2^53, scaled by a power of ten of at most 22; both operands are exact doubles, so the one multiplication or
/// division is correctly rounded, as the runtime's parse is. Other decimals of at most 19 digits (the 17-digit ones
/// that round-trip printing writes) go through <see cref="EiselLemire"/>.
/// </remarks>
internal static class NumberText
{
    private const ulong MaxExactMantissa = 1UL << 53;
    private const int MaxExactPowerOfTen = 22;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>An optionally signed (<c>+</c> or <c>-</c>) whole number within the int64 range.</summary>
    public static bool TryParseInt64<TChar>(ReadOnlySpan<TChar> text, out long value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        // Up to 18 digits cannot overflow; longer numbers, and anything else, go to the runtime.
        var negative = text.Length > 0 && Code(text[0]) == '-';
        var start = text.Length > 0 && Code(text[0]) is '-' or '+' ? 1 : 0;
        var length = text.Length - start;
        if (length is > 0 and <= 18)
        {
            ulong magnitude = 0;
            var i = start;
            for (; i < text.Length; i++)
            {
                var digit = Code(text[i]) - '0';
                if (digit > 9)
                {
                    break;
                }

                magnitude = (magnitude * 10) + digit;
            }

            if (i == text.Length)
            {
                value = negative ? -(long)magnitude : (long)magnitude;
                return true;
            }
        }

        return Fallback(text, out value);
    }

    /// <summary>A number in decimal or exponent notation, or <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, as the runtime reads them.</summary>
    public static bool TryParseFloat64<TChar>(ReadOnlySpan<TChar> text, out double value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        return TryParsePlainFloat64(text, out value) || Fallback(text, out value);
    }

    // [+-]digits[.digits][(e|E)[+-]digits], within Clinger's exact case; false sends the text to the runtime.
    private static bool TryParsePlainFloat64<TChar>(ReadOnlySpan<TChar> text, out double value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && Code(text[0]) is '-' or '+')
        {
            negative = Code(text[0]) == '-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var wholeStart = i;
        for (; i < text.Length && IsDigit(text[i]); i++, digits++)
        {
            mantissa = (mantissa * 10) + (Code(text[i]) - '0');
        }

        if (i == wholeStart)
        {
            return false;
        }

        var exponent = 0;
        if (i < text.Length && Code(text[i]) == '.')
        {
            var fractionStart = ++i;
            for (; i < text.Length && IsDigit(text[i]); i++, digits++)
            {
                mantissa = (mantissa * 10) + (Code(text[i]) - '0');
            }

            if (i == fractionStart)
            {
                return false;
            }

            exponent = fractionStart - i;
        }

        if (i < text.Length && Code(text[i]) is 'e' or 'E')
        {
            if (!TryExponent(text[(i + 1)..], out var written))
            {
                return false;
            }

            exponent += written;
            i = text.Length;
        }

        // More than 19 digits may have wrapped the mantissa.
        if (i != text.Length || digits > 19)
        {
            return false;
        }

        if (mantissa > MaxExactMantissa || exponent is < -MaxExactPowerOfTen or > MaxExactPowerOfTen)
        {
            return EiselLemire.TryCompute(mantissa, exponent, negative, out value);
        }

        var magnitude = exponent >= 0 ? mantissa * PowersOfTen[exponent] : mantissa / PowersOfTen[-exponent];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    // The digits of an exponent after its e, with an optional sign; at most four digits, beyond which the fast path does not reach.
    private static bool TryExponent<TChar>(ReadOnlySpan<TChar> text, out int exponent)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        exponent = 0;
        var negative = text.Length > 0 && Code(text[0]) == '-';
        var start = text.Length > 0 && Code(text[0]) is '-' or '+' ? 1 : 0;
        if (text.Length == start || text.Length - start > 4)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            exponent = (exponent * 10) + (int)(Code(text[i]) - '0');
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    private static bool Fallback<TChar>(ReadOnlySpan<TChar> text, out long value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (typeof(TChar) == typeof(char))
        {
            return long.TryParse(Cast<TChar, char>(text), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        return long.TryParse(Cast<TChar, byte>(text), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool Fallback<TChar>(ReadOnlySpan<TChar> text, out double value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (typeof(TChar) == typeof(char))
        {
            return double.TryParse(Cast<TChar, char>(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        return double.TryParse(Cast<TChar, byte>(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> text)
        where TFrom : unmanaged
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(text);
}
