using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tables;

/// <summary>The spec names of <see cref="HiveValueType"/> and the Arrow type each is stored as.</summary>
internal static class HiveValueTypes
{
    /// <summary>timestamp[us, UTC]: CloudQuery's own timestamp type, which every destination maps.</summary>
    public static readonly TimestampType TimestampUtc = new(TimeUnit.Microsecond, "UTC");

    private static readonly string[] Names = ["utf8", "int32", "int64", "float64", "bool", "date32", "timestamp"];

    /// <summary>Every spec name, in enum order; for the spec's schema and its error messages.</summary>
    public static IReadOnlyList<string> SpecNames { get; } = Array.AsReadOnly(Names);

    /// <summary>The type for a spec name; names are lower case and compared exactly, like the spec's other enums.</summary>
    public static bool TryParse(string specName, out HiveValueType type)
    {
        var index = Array.IndexOf(Names, specName);
        type = (HiveValueType)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The name the spec spells <paramref name="type"/> with.</summary>
    public static string SpecName(HiveValueType type) => Names[(int)Checked(type)];

    /// <summary>The Arrow type the column is sent as.</summary>
    public static IArrowType ArrowType(HiveValueType type) => Checked(type) switch
    {
        HiveValueType.Utf8 => StringType.Default,
        HiveValueType.Int32 => Int32Type.Default,
        HiveValueType.Int64 => Int64Type.Default,
        HiveValueType.Float64 => DoubleType.Default,
        HiveValueType.Bool => BooleanType.Default,
        HiveValueType.Date32 => Date32Type.Default,
        _ => TimestampUtc,
    };

    /// <summary>
    /// The value type an Arrow type stands for, when it is one of <see cref="ArrowType"/>'s: appended columns
    /// can only be built in those types.
    /// </summary>
    public static bool TryOf(IArrowType arrowType, out HiveValueType type)
    {
        ArgumentNullException.ThrowIfNull(arrowType);
        HiveValueType? found = arrowType switch
        {
            StringType => HiveValueType.Utf8,
            Int32Type => HiveValueType.Int32,
            Int64Type => HiveValueType.Int64,
            DoubleType => HiveValueType.Float64,
            BooleanType => HiveValueType.Bool,
            Date32Type => HiveValueType.Date32,
            TimestampType { Unit: TimeUnit.Microsecond, Timezone: "UTC" } => HiveValueType.Timestamp,
            _ => null,
        };
        type = found.GetValueOrDefault();
        return found.HasValue;
    }

    private static HiveValueType Checked(HiveValueType type) =>
        Enum.IsDefined(type) ? type : throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown hive value type.");
}
