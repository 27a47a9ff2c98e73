using System.Globalization;
using System.Text.RegularExpressions;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// Turns a hive partition value (the text after <c>=</c> in a key segment, URL-decoded) into the value of its
/// declared <see cref="HiveValueType"/>. Strict and culture-invariant: a value that is not plainly of the type
/// fails the object with a message naming the key, the column and the type, rather than becoming null or a
/// different value.
/// </summary>
/// <remarks>
/// Results by type: <see cref="string"/> (unchanged, so <c>05</c> stays <c>05</c>), <see cref="int"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateOnly"/>,
/// <see cref="DateTimeOffset"/> (offset zero; see <see cref="HiveTimestampText"/>). Integers take an optional
/// sign and nothing else (no spaces, separators or exponents). Floats take the same plus a decimal point and an
/// exponent, and the words <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, which is how Hive and Spark (Java's
/// <c>Double.toString</c>) write those values into paths; a number too large for a double fails instead of
/// becoming infinite. Booleans are <c>true</c>/<c>false</c> in any case; dates are <c>yyyy-MM-dd</c>.
/// </remarks>
internal static partial class HiveValueParser
{
    private const string DateExample = "2024-01-31";
    private const string TimestampExample = "2024-01-31T10:00:00Z";

    /// <summary>
    /// Parses <paramref name="value"/> (null when the key has no value for the column) as <paramref name="type"/>.
    /// </summary>
    /// <param name="value">The partition value.</param>
    /// <param name="type">The column's declared type.</param>
    /// <param name="key">The object key, for the error message.</param>
    /// <param name="column">The partition column, for the error message.</param>
    /// <exception cref="HivePartitionValueException">The value is not of the type.</exception>
    public static object? Parse(string? value, HiveValueType type, string key, string column)
    {
        if (value is null)
        {
            return null;
        }

        object? parsed = type switch
        {
            HiveValueType.Utf8 => value,
            HiveValueType.Int32 => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null,
            HiveValueType.Int64 => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
            HiveValueType.Float64 => ParseDouble(value),
            HiveValueType.Bool => ParseBool(value),
            HiveValueType.Date32 => DatePattern().IsMatch(value)
                && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            HiveValueType.Timestamp => HiveTimestampText.TryParse(value, out var t) ? t : null,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown hive value type."),
        };
        return parsed ?? throw new HivePartitionValueException(key, column, value, HiveValueTypes.SpecName(type), ExampleOf(type));
    }

    private static double? ParseDouble(string value)
    {
        if (value.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (value.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || value.Equals("+Infinity", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (value.Equals("-Infinity", StringComparison.OrdinalIgnoreCase))
        {
            return double.NegativeInfinity;
        }

        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return FloatPattern().IsMatch(value)
            && double.TryParse(value, Styles, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number) ? number : null;
    }

    private static bool? ParseBool(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    private static string? ExampleOf(HiveValueType type) => type switch
    {
        HiveValueType.Date32 => DateExample,
        HiveValueType.Timestamp => TimestampExample,
        _ => null,
    };

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
