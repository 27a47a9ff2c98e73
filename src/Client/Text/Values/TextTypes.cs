using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Text;

/// <summary>How inferred types combine, their Arrow fields, and the names <c>column_types</c> accepts.</summary>
internal static class TextTypes
{
    /// <summary>The <c>timestamp[us, UTC]</c> every timestamp column gets.</summary>
    public static readonly TimestampType Timestamp = new(TimeUnit.Microsecond, "UTC");

    /// <summary>The names a <c>csv.column_types</c> entry may use, each with its type.</summary>
    public static readonly IReadOnlyDictionary<string, TextType> Names = new Dictionary<string, TextType>(StringComparer.Ordinal)
    {
        [HiveColumnTypes.Bool] = TextType.Bool,
        [HiveColumnTypes.Int64] = TextType.Int64,
        [HiveColumnTypes.Float64] = TextType.Float64,
        [HiveColumnTypes.Date32] = TextType.Date,
        [HiveColumnTypes.Timestamp] = TextType.Timestamp,
        [HiveColumnTypes.Utf8] = TextType.Utf8,
        [TextTypeNames.Json] = TextType.Json,
    };

    /// <summary>
    /// The narrowest type holding values of both: <see cref="TextType.Empty"/> yields to the other, integers widen
    /// to float64, dates to timestamps, anything meeting JSON becomes JSON (a JSON column can hold any value), and
    /// any other pair becomes utf8.
    /// </summary>
    public static TextType Widen(TextType a, TextType b)
    {
        if (a == b || b == TextType.Empty)
        {
            return a;
        }

        if (a == TextType.Empty)
        {
            return b;
        }

        if (a == TextType.Json || b == TextType.Json)
        {
            return TextType.Json;
        }

        return (a, b) switch
        {
            (TextType.Int64, TextType.Float64) or (TextType.Float64, TextType.Int64) => TextType.Float64,
            (TextType.Date, TextType.Timestamp) or (TextType.Timestamp, TextType.Date) => TextType.Timestamp,
            _ => TextType.Utf8,
        };
    }

    /// <summary>The Arrow type of a column of <paramref name="type"/>; JSON is its binary storage (see <see cref="ToField"/>).</summary>
    public static IArrowType ToArrow(TextType type) => type switch
    {
        TextType.Bool => BooleanType.Default,
        TextType.Int64 => Int64Type.Default,
        TextType.Float64 => DoubleType.Default,
        TextType.Date => Date32Type.Default,
        TextType.Timestamp => Timestamp,
        TextType.Json => BinaryType.Default,
        _ => StringType.Default,
    };

    /// <summary>
    /// The nullable Arrow field of a column: a JSON column is binary with the extension keys CloudQuery's Go SDK
    /// writes for its <c>json</c> type, so destinations create JSON columns.
    /// </summary>
    public static Field ToField(string name, TextType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        IEnumerable<KeyValuePair<string, string>>? metadata = type == TextType.Json
            ? [new(CqMetadata.ExtensionName, JsonExtensionName), new(CqMetadata.ExtensionMetadata, JsonExtensionMetadata)]
            : null;
        return new Field(name, ToArrow(type), nullable: true, metadata);
    }

    /// <summary>The type a field made by <see cref="ToField"/> stands for, or null for any other field.</summary>
    public static TextType? Of(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.DataType switch
        {
            BooleanType => TextType.Bool,
            Int64Type => TextType.Int64,
            DoubleType => TextType.Float64,
            Date32Type => TextType.Date,
            TimestampType { Unit: TimeUnit.Microsecond } => TextType.Timestamp,
            StringType => TextType.Utf8,
            BinaryType when field.Metadata?.GetValueOrDefault(CqMetadata.ExtensionName) == JsonExtensionName => TextType.Json,
            _ => null,
        };
    }

    /// <summary>The name a message shows for <paramref name="type"/>.</summary>
    public static string Describe(TextType type) => type switch
    {
        TextType.Bool => "bool",
        TextType.Int64 => "int64",
        TextType.Float64 => "float64",
        TextType.Date => "date",
        TextType.Timestamp => "timestamp",
        TextType.Json => "json",
        _ => "string",
    };

    private const string JsonExtensionName = "json";
    private const string JsonExtensionMetadata = "json-serialized";
}
