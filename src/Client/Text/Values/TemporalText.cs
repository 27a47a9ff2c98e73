using System.Numerics;
using static CqSourceS3.Client.Text.TextCode;

namespace CqSourceS3.Client.Text;

/// <summary>
/// Dates and timestamps parsed by hand from characters (CSV fields) or straight from UTF-8 bytes (JSON strings,
/// which would otherwise be widened to characters first), with no allocation: this runs once per value.
/// </summary>
internal static class TemporalText
{
    private const long MicrosecondsPerDay = 86_400_000_000;

    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary><c>yyyy-MM-dd</c>, as days since 1970-01-01.</summary>
    public static bool TryParseDate<TChar>(ReadOnlySpan<TChar> text, out int days)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        days = 0;
        if (text.Length != 10 || !TryDate(text, out var date))
        {
            return false;
        }

        days = date.DayNumber - UnixEpochDay;
        return true;
    }

    /// <summary>
    /// An ISO 8601 / RFC 3339 date and time, as microseconds since the epoch in UTC: <c>yyyy-MM-dd</c>, then <c>T</c>
    /// or a space, <c>HH:mm</c>, optional <c>:ss</c> and up to nine fraction digits (below a microsecond dropped),
    /// then <c>Z</c>, an offset (<c>+02:00</c>, <c>+0200</c>, <c>+02</c>) or nothing, which means UTC.
    /// </summary>
    public static bool TryParseTimestamp<TChar>(ReadOnlySpan<TChar> text, out long micros)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        micros = 0;
        if (text.Length < 16 || Code(text[10]) is not ('T' or 't' or ' ') || !TryDate(text[..10], out var date)
            || !TryTwoDigits(text[11..], 23, out var hour) || Code(text[13]) != ':' || !TryTwoDigits(text[14..], 59, out var minute))
        {
            return false;
        }

        var rest = text[16..];
        var second = 0;
        long fractionTicks = 0;
        if (rest.Length > 0 && Code(rest[0]) == ':')
        {
            if (rest.Length < 3 || !TryTwoDigits(rest[1..], 59, out second))
            {
                return false;
            }

            rest = rest[3..];
            if (rest.Length > 0 && Code(rest[0]) == '.')
            {
                var digits = CountDigits(rest[1..]);
                if (digits is 0 or > 9)
                {
                    return false;
                }

                fractionTicks = FractionTicks(rest.Slice(1, digits));
                rest = rest[(1 + digits)..];
            }
        }

        if (!TryOffset(rest, out var offsetMinutes))
        {
            return false;
        }

        var ticks = date.DayNumber * TimeSpan.TicksPerDay + (hour * 60L + minute - offsetMinutes) * TimeSpan.TicksPerMinute
            + second * TimeSpan.TicksPerSecond + fractionTicks - DateTime.UnixEpoch.Ticks;
        micros = Math.DivRem(ticks, TimeSpan.TicksPerMicrosecond, out var below) - (below < 0 ? 1 : 0);
        return true;
    }

    /// <summary>
    /// A timestamp column's value: a timestamp, or a date alone as its midnight in UTC (inference widens a column
    /// holding dates and timestamps to timestamp).
    /// </summary>
    public static bool TryParseTimestampOrDate<TChar>(ReadOnlySpan<TChar> text, out long micros)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        if (TryParseDate(text, out var days))
        {
            micros = days * MicrosecondsPerDay;
            return true;
        }

        return TryParseTimestamp(text, out micros);
    }

    /// <summary>The number of ASCII digits <paramref name="text"/> starts with.</summary>
    public static int CountDigits<TChar>(ReadOnlySpan<TChar> text)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var count = 0;
        while (count < text.Length && IsDigit(text[count]))
        {
            count++;
        }

        return count;
    }

    private static bool TryDate<TChar>(ReadOnlySpan<TChar> text, out DateOnly date)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        date = default;
        if (text.Length != 10 || Code(text[4]) != '-' || Code(text[7]) != '-' || CountDigits(text[..4]) != 4
            || !TryTwoDigits(text[5..], 12, out var month) || !TryTwoDigits(text[8..], 31, out var day) || month == 0 || day == 0)
        {
            return false;
        }

        var year = (Digit(text[0]) * 1000) + (Digit(text[1]) * 100) + (Digit(text[2]) * 10) + Digit(text[3]);
        if (year == 0 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryTwoDigits<TChar>(ReadOnlySpan<TChar> text, int max, out int value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        if (text.Length < 2 || !IsDigit(text[0]) || !IsDigit(text[1]))
        {
            return false;
        }

        value = (Digit(text[0]) * 10) + Digit(text[1]);
        return value <= max;
    }

    // Z, ±HH, ±HHmm, ±HH:mm or nothing (UTC), as minutes east of UTC.
    private static bool TryOffset<TChar>(ReadOnlySpan<TChar> text, out int minutes)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        minutes = 0;
        if (text.IsEmpty || (text.Length == 1 && Code(text[0]) is 'Z' or 'z'))
        {
            return true;
        }

        if (Code(text[0]) is not ('+' or '-') || !TryTwoDigits(text[1..], 23, out var hours))
        {
            return false;
        }

        var rest = text[3..];
        if (rest.Length > 0 && Code(rest[0]) == ':')
        {
            rest = rest[1..];
            if (rest.IsEmpty)
            {
                return false;
            }
        }

        var extra = 0;
        if (!rest.IsEmpty && (rest.Length != 2 || !TryTwoDigits(rest, 59, out extra)))
        {
            return false;
        }

        minutes = (Code(text[0]) == '-' ? -1 : 1) * ((hours * 60) + extra);
        return true;
    }

    // Up to nine fraction digits as 100 ns ticks; digits beyond the seventh are below a tick and dropped.
    private static long FractionTicks<TChar>(ReadOnlySpan<TChar> digits)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        long ticks = 0;
        for (var i = 0; i < 7; i++)
        {
            ticks = (ticks * 10) + (i < digits.Length ? Digit(digits[i]) : 0);
        }

        return ticks;
    }
}
