using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Tests.Discovery;

public sealed class ArrowTypeTextTests
{
    /// <summary>Expected text (as Go's Arrow prints it) → the type. Keyed by text so xUnit can name each case.</summary>
    private static readonly Dictionary<string, IArrowType> Cases = new(StringComparer.Ordinal)
    {
        ["int64"] = Int64Type.Default,
        ["uint8"] = UInt8Type.Default,
        ["bool"] = BooleanType.Default,
        ["float16"] = HalfFloatType.Default,
        ["float32"] = FloatType.Default,
        ["float64"] = DoubleType.Default,
        ["utf8"] = StringType.Default,
        ["large_utf8"] = LargeStringType.Default,
        ["binary"] = BinaryType.Default,
        ["date32"] = Date32Type.Default,
        ["date64"] = Date64Type.Default,
        ["timestamp[us, tz=UTC]"] = new TimestampType(TimeUnit.Microsecond, "UTC"),
        ["timestamp[ns]"] = new TimestampType(TimeUnit.Nanosecond, (string?)null),
        ["timestamp[s, tz=Europe/Lisbon]"] = new TimestampType(TimeUnit.Second, "Europe/Lisbon"),
        ["time32[ms]"] = new Time32Type(TimeUnit.Millisecond),
        ["time64[us]"] = new Time64Type(TimeUnit.Microsecond),
        ["duration[ns]"] = DurationType.Nanosecond,
        ["decimal(18, 4)"] = new Decimal128Type(18, 4),
        ["decimal256(40, 2)"] = new Decimal256Type(40, 2),
        ["fixed_size_binary[16]"] = new FixedSizeBinaryType(16),
        ["list<item: int64, nullable>"] = new ListType(new Field("item", Int64Type.Default, nullable: true)),
        ["list<element: utf8>"] = new ListType(new Field("element", StringType.Default, nullable: false)),
        ["large_list<item: float64, nullable>"] = new LargeListType(new Field("item", DoubleType.Default, nullable: true)),
        ["fixed_size_list<item: int32, nullable>[3]"] = new FixedSizeListType(new Field("item", Int32Type.Default, nullable: true), 3),
        ["struct<x: int32, nullable, label: utf8>"] = new StructType([new Field("x", Int32Type.Default, true), new Field("label", StringType.Default, false)]),
        ["map<utf8, int64, items_nullable>"] = new MapType(StringType.Default, Int64Type.Default, nullable: true),
        ["map<utf8, int64>"] = new MapType(new Field("key", StringType.Default, false), new Field("value", Int64Type.Default, false)),
        ["string_view"] = StringViewType.Default,
        ["binary_view"] = BinaryViewType.Default,
        ["decimal32(9, 2)"] = new Decimal32Type(9, 2),
        ["decimal64(18, 4)"] = new Decimal64Type(18, 4),
        ["list_view<item: int64, nullable>"] = new ListViewType(new Field("item", Int64Type.Default, nullable: true)),
        ["large_list_view<item: utf8>"] = new LargeListViewType(new Field("item", StringType.Default, nullable: false)),
        ["list<item: struct<a: list<item: decimal(9, 2), nullable>, nullable>, nullable>"] = new ListType(new Field("item",
            new StructType([new Field("a", new ListType(new Field("item", new Decimal128Type(9, 2), true)), true)]), nullable: true)),
    };

    public static TheoryData<string> Texts => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Of_Type_PrintsLikeGoArrow(string expected)
    {
        Assert.Equal(expected, ArrowTypeText.Of(Cases[expected]));
    }

    [Fact]
    public void Of_SameTypeBuiltTwice_PrintsTheSameText()
    {
        var first = new StructType([new Field("when", new TimestampType(TimeUnit.Millisecond, "UTC"), true)]);
        var second = new StructType([new Field("when", new TimestampType(TimeUnit.Millisecond, "UTC"), true)]);

        Assert.Equal(ArrowTypeText.Of(first), ArrowTypeText.Of(second));
    }

    [Fact]
    public void Of_TimeUnitsOrTimeZonesDiffer_PrintsDifferentTexts()
    {
        IArrowType[] types =
        [
            new TimestampType(TimeUnit.Millisecond, "UTC"),
            new TimestampType(TimeUnit.Microsecond, "UTC"),
            new TimestampType(TimeUnit.Microsecond, "+01:00"),
            new TimestampType(TimeUnit.Microsecond, (string?)null),
        ];

        Assert.Equal(types.Length, types.Select(ArrowTypeText.Of).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Of_NormalizedViewAndSmallDecimalTypes_PrintsTheirClassicForms()
    {
        IArrowType[] types =
        [
            StringViewType.Default,
            BinaryViewType.Default,
            new Decimal32Type(9, 2),
            new Decimal64Type(18, 4),
            new ListViewType(new Field("item", StringViewType.Default, nullable: true)),
            new LargeListViewType(new Field("item", new Decimal32Type(4, 0), nullable: false)),
            new StructType([new Field("v", BinaryViewType.Default, true)]),
        ];

        var texts = types.Select(t => ArrowTypeText.Of(ArrowTypeNormalizer.NormalizeType(t)));

        Assert.Equal(
            ["utf8", "binary", "decimal(9, 2)", "decimal(18, 4)", "list<item: utf8, nullable>", "large_list<item: decimal(4, 0)>", "struct<v: binary, nullable>"],
            texts);
    }
}
