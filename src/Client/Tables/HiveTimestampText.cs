using System.Globalization;
using System.Text.RegularExpressions;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// Reads a partition value declared <c>timestamp</c>: ISO 8601 / RFC 3339 date and time, separated by <c>T</c>
/// or a space (Hive and Spark write <c>ts=2024-01-01 10:00:00</c>, its colons URL-encoded in the key), seconds
/// and fractional seconds optional, then <c>Z</c>, an offset (<c>+02:00</c>, <c>+0200</c>, <c>+02</c>) or nothing.
/// </summary>
/// <remarks>
/// A value without an offset is taken as UTC: partition writers almost always write UTC, and the alternative,
/// the machine's zone, would make the same file read differently on different hosts. Digits below the
/// microsecond are dropped (truncated) because the column is timestamp[us].
/// </remarks>
internal static partial class HiveTimestampText
{
    /// <summary>Parses <paramref name="text"/> into an instant with offset zero, truncated to the microsecond.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].ValueSpan, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        var hour = Number(match.Groups["h"]);
        var minute = Number(match.Groups["m"]);
        var second = Number(match.Groups["s"]);
        if (hour > 23 || minute > 59 || second > 59 || !TryOffset(match.Groups["zone"].Value, out var offset))
        {
            return false;
        }

        var ticks = date.ToDateTime(new TimeOnly(hour, minute, second)).Ticks + MicrosecondTicks(match.Groups["fraction"].Value)
            - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    // ASCII digits only: \d would also accept other scripts' digits.
    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ](?<h>[0-9]{2}):(?<m>[0-9]{2})(?::(?<s>[0-9]{2})(?:\.(?<fraction>[0-9]{1,9}))?)?(?<zone>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    private static int Number(Group group) =>
        group.Success ? int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    // The first six fraction digits as ticks (100 ns): anything finer than a microsecond is dropped.
    private static long MicrosecondTicks(string fraction)
    {
        var micros = fraction.Length >= 6 ? fraction[..6] : fraction.PadRight(6, '0');
        return long.Parse(micros, NumberStyles.None, CultureInfo.InvariantCulture) * TimeSpan.TicksPerMicrosecond;
    }

    // "", "Z", "+hh", "+hhmm" or "+hh:mm"; DateTimeOffset allows at most 14 hours either way.
    private static bool TryOffset(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone.Length <= 1)
        {
            return true;
        }

        var digits = zone.Replace(":", "", StringComparison.Ordinal);
        var hours = int.Parse(digits.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
        var minutes = digits.Length > 3 ? int.Parse(digits.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        if (minutes > 59 || hours * 60 + minutes > 14 * 60)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (zone[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }
}
