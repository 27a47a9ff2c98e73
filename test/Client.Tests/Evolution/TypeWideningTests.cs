using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class TypeWideningTests
{
    /// <summary>The types the theory rows name, keyed by their text so each row reads like the rule it checks.</summary>
    private static readonly Dictionary<string, IArrowType> Types = new(StringComparer.Ordinal)
    {
        ["bool"] = BooleanType.Default,
        ["int8"] = Int8Type.Default,
        ["int16"] = Int16Type.Default,
        ["int32"] = Int32Type.Default,
        ["int64"] = Int64Type.Default,
        ["uint8"] = UInt8Type.Default,
        ["uint16"] = UInt16Type.Default,
        ["uint32"] = UInt32Type.Default,
        ["uint64"] = UInt64Type.Default,
        ["float16"] = HalfFloatType.Default,
        ["float32"] = FloatType.Default,
        ["float64"] = DoubleType.Default,
        ["decimal(38, 0)"] = new Decimal128Type(38, 0),
        ["decimal(38, 2)"] = new Decimal128Type(38, 2),
        ["decimal(38, 38)"] = new Decimal128Type(38, 38),
        ["decimal(10, 2)"] = new Decimal128Type(10, 2),
        ["decimal(5, 4)"] = new Decimal128Type(5, 4),
        ["decimal(20, 0)"] = new Decimal128Type(20, 0),
        ["decimal(18, 4)"] = new Decimal128Type(18, 4),
        ["decimal256(10, 2)"] = new Decimal256Type(10, 2),
        ["decimal256(70, 0)"] = new Decimal256Type(70, 0),
        ["decimal256(76, 0)"] = new Decimal256Type(76, 0),
        ["utf8"] = StringType.Default,
        ["large_utf8"] = LargeStringType.Default,
        ["binary"] = BinaryType.Default,
        ["large_binary"] = LargeBinaryType.Default,
        ["date32"] = Date32Type.Default,
        ["date64"] = Date64Type.Default,
        ["timestamp[s]"] = new TimestampType(TimeUnit.Second, (string?)null),
        ["timestamp[ms]"] = new TimestampType(TimeUnit.Millisecond, (string?)null),
        ["timestamp[us]"] = new TimestampType(TimeUnit.Microsecond, (string?)null),
        ["timestamp[ns]"] = new TimestampType(TimeUnit.Nanosecond, (string?)null),
        ["timestamp[ms, tz=UTC]"] = new TimestampType(TimeUnit.Millisecond, "UTC"),
        ["timestamp[us, tz=UTC]"] = new TimestampType(TimeUnit.Microsecond, "UTC"),
        ["timestamp[us, tz=+00:00]"] = new TimestampType(TimeUnit.Microsecond, "+00:00"),
        ["time32[s]"] = new Time32Type(TimeUnit.Second),
        ["time32[ms]"] = new Time32Type(TimeUnit.Millisecond),
        ["time64[us]"] = new Time64Type(TimeUnit.Microsecond),
        ["time64[ns]"] = new Time64Type(TimeUnit.Nanosecond),
        ["duration[s]"] = DurationType.Second,
        ["duration[ms]"] = DurationType.Millisecond,
    };

    [Theory]
    [InlineData("int8", "int16", "int16")]
    [InlineData("int16", "int64", "int64")]
    [InlineData("int32", "int8", "int32")]
    [InlineData("uint8", "uint32", "uint32")]
    [InlineData("uint64", "uint16", "uint64")]
    [InlineData("uint8", "int8", "int16")]
    [InlineData("uint8", "int32", "int32")]
    [InlineData("uint16", "int8", "int32")]
    [InlineData("uint32", "int8", "int64")]
    [InlineData("uint32", "int32", "int64")]
    [InlineData("uint16", "int64", "int64")]
    [InlineData("float32", "float64", "float64")]
    [InlineData("float16", "float64", "float64")]
    [InlineData("float16", "float32", "float64")]
    [InlineData("decimal(38, 0)", "decimal(38, 2)", "decimal256(40, 2)")]
    [InlineData("decimal(10, 2)", "decimal(5, 4)", "decimal(12, 4)")]
    [InlineData("decimal(38, 38)", "decimal(38, 0)", "decimal256(76, 38)")]
    [InlineData("decimal(20, 0)", "decimal256(10, 2)", "decimal256(22, 2)")]
    [InlineData("utf8", "large_utf8", "large_utf8")]
    [InlineData("binary", "large_binary", "large_binary")]
    [InlineData("timestamp[s]", "timestamp[ns]", "timestamp[ns]")]
    [InlineData("timestamp[ms, tz=UTC]", "timestamp[us, tz=UTC]", "timestamp[us, tz=UTC]")]
    [InlineData("time32[s]", "time32[ms]", "time32[ms]")]
    [InlineData("time32[ms]", "time64[us]", "time64[us]")]
    [InlineData("time32[s]", "time64[ns]", "time64[ns]")]
    [InlineData("time64[us]", "time64[ns]", "time64[ns]")]
    public void Widen_LosslessPair_GivesTheNarrowestCommonTypeInEitherOrder(string a, string b, string expected)
    {
        var forward = TypeWidening.Widen(Types[a], Types[b]);
        var backward = TypeWidening.Widen(Types[b], Types[a]);

        Assert.NotNull(forward);
        Assert.NotNull(backward);
        Assert.Equal(expected, ArrowTypeText.Of(forward));
        Assert.Equal(expected, ArrowTypeText.Of(backward));
    }

    [Theory]
    [InlineData("uint64", "int64")]
    [InlineData("uint64", "int8")]
    [InlineData("int64", "float64")]
    [InlineData("int32", "float64")]
    [InlineData("uint8", "float32")]
    [InlineData("decimal(18, 4)", "int64")]
    [InlineData("decimal(18, 4)", "float64")]
    [InlineData("decimal256(70, 0)", "decimal(38, 38)")]
    [InlineData("decimal256(76, 0)", "decimal(10, 2)")]
    [InlineData("utf8", "binary")]
    [InlineData("large_utf8", "binary")]
    [InlineData("int64", "utf8")]
    [InlineData("bool", "int8")]
    [InlineData("timestamp[us, tz=UTC]", "timestamp[us, tz=+00:00]")]
    [InlineData("timestamp[us]", "timestamp[us, tz=UTC]")]
    [InlineData("timestamp[ms]", "date64")]
    [InlineData("timestamp[us]", "date32")]
    [InlineData("date32", "date64")]
    [InlineData("time64[us]", "timestamp[us]")]
    [InlineData("duration[s]", "duration[ms]")]
    public void Widen_NoLosslessCommonType_IsNullInEitherOrder(string a, string b)
    {
        Assert.Null(TypeWidening.Widen(Types[a], Types[b]));
        Assert.Null(TypeWidening.Widen(Types[b], Types[a]));
    }

    [Fact]
    public void Widen_EqualTypesBuiltTwice_GivesTheFirst()
    {
        var newer = new StructType([new Field("x", Int64Type.Default, true)]);
        var older = new StructType([new Field("x", Int64Type.Default, true)]);

        Assert.Same(newer, TypeWidening.Widen(newer, older));
    }

    [Fact]
    public void Widen_TimestampWithoutZoneAndWithEmptyZone_AreEqual()
    {
        var noZone = new TimestampType(TimeUnit.Microsecond, (string?)null);
        var emptyZone = new TimestampType(TimeUnit.Nanosecond, "");

        var widened = TypeWidening.Widen(noZone, emptyZone);

        Assert.Equal("timestamp[ns]", ArrowTypeText.Of(widened!));
    }

    [Fact]
    public void Widen_ListWithLargeList_GivesLargeListOfTheWidenedItem()
    {
        var list = new ListType(new Field("item", Int32Type.Default, nullable: false));
        var largeList = new LargeListType(new Field("item", Int64Type.Default, nullable: true));

        var forward = TypeWidening.Widen(list, largeList);
        var backward = TypeWidening.Widen(largeList, list);

        Assert.Equal("large_list<item: int64, nullable>", ArrowTypeText.Of(forward!));
        Assert.Equal("large_list<item: int64, nullable>", ArrowTypeText.Of(backward!));
    }

    [Fact]
    public void Widen_TwoLists_GivesAListWhoseItemIsNullableWhenEitherIs()
    {
        var required = new ListType(new Field("element", Int8Type.Default, nullable: false));
        var nullable = new ListType(new Field("item", Int16Type.Default, nullable: true));

        var widened = TypeWidening.Widen(required, nullable);

        Assert.Equal("list<element: int16, nullable>", ArrowTypeText.Of(widened!));
    }

    [Fact]
    public void Widen_TwoLargeLists_GivesALargeList()
    {
        var a = new LargeListType(new Field("item", StringType.Default, nullable: true));
        var b = new LargeListType(new Field("item", LargeStringType.Default, nullable: true));

        Assert.Equal("large_list<item: large_utf8, nullable>", ArrowTypeText.Of(TypeWidening.Widen(a, b)!));
    }

    [Fact]
    public void Widen_ListsOfIncompatibleItems_IsNullWithTheItemAsPath()
    {
        var ints = new ListType(new Field("item", Int64Type.Default, nullable: true));
        var strings = new LargeListType(new Field("item", StringType.Default, nullable: true));

        var widened = TypeWidening.Widen(ints, strings, out var conflict);

        Assert.Null(widened);
        var mismatch = Assert.IsType<TypeMismatch>(conflict);
        Assert.Equal("item", mismatch.Path);
        Assert.Equal(("int64", "utf8"), (ArrowTypeText.Of(mismatch.Newer), ArrowTypeText.Of(mismatch.Older)));
    }

    [Fact]
    public void Widen_FixedSizeListsOfOneSize_WidenTheItem()
    {
        var a = new FixedSizeListType(new Field("item", FloatType.Default, nullable: false), 3);
        var b = new FixedSizeListType(new Field("item", DoubleType.Default, nullable: false), 3);

        Assert.Equal("fixed_size_list<item: float64>[3]", ArrowTypeText.Of(TypeWidening.Widen(a, b)!));
    }

    [Fact]
    public void Widen_FixedSizeListsOfDifferentSizesOrWithAList_IsNull()
    {
        var three = new FixedSizeListType(new Field("item", Int64Type.Default, nullable: true), 3);
        var four = new FixedSizeListType(new Field("item", Int64Type.Default, nullable: true), 4);
        var list = new ListType(new Field("item", Int64Type.Default, nullable: true));

        Assert.Null(TypeWidening.Widen(three, four));
        Assert.Null(TypeWidening.Widen(three, list));
        Assert.Null(TypeWidening.Widen(list, three));
    }

    [Fact]
    public void Widen_Structs_UnionTheFieldsByNameInTheNewerOrderThenOlderOnes()
    {
        var newer = new StructType([
            new Field("x", Int32Type.Default, nullable: false),
            new Field("label", StringType.Default, nullable: false),
        ]);
        var older = new StructType([
            new Field("y", DoubleType.Default, nullable: false),
            new Field("x", Int64Type.Default, nullable: false),
        ]);

        var widened = TypeWidening.Widen(newer, older);

        Assert.Equal("struct<x: int64, label: utf8, nullable, y: float64, nullable>", ArrowTypeText.Of(widened!));
    }

    [Fact]
    public void Widen_NestedStructs_Recurse()
    {
        var newer = new StructType([new Field("p", new StructType([new Field("x", Int32Type.Default, false)]), nullable: true)]);
        var older = new StructType([new Field("p", new StructType([new Field("x", Int64Type.Default, true), new Field("z", StringType.Default, false)]), nullable: false)]);

        var widened = TypeWidening.Widen(newer, older);

        Assert.Equal("struct<p: struct<x: int64, nullable, z: utf8, nullable>, nullable>", ArrowTypeText.Of(widened!));
    }

    [Fact]
    public void Widen_StructFieldsKeepTheNewerMetadata()
    {
        var newer = new StructType([new Field("x", Int32Type.Default, true, [new("comment", "newer")])]);
        var older = new StructType([new Field("x", Int64Type.Default, true, [new("comment", "older")])]);

        var widened = Assert.IsType<StructType>(TypeWidening.Widen(newer, older));

        Assert.Equal("newer", widened.Fields[0].Metadata["comment"]);
    }

    [Fact]
    public void Widen_StructFieldsDifferingOnlyInCaseDeepInside_IsNullNamingBoth()
    {
        var newer = new StructType([new Field("p", new StructType([new Field("Name", StringType.Default, true)]), true)]);
        var older = new StructType([new Field("p", new StructType([new Field("name", StringType.Default, true)]), true)]);

        var widened = TypeWidening.Widen(newer, older, out var conflict);

        Assert.Null(widened);
        Assert.Null(TypeWidening.Widen(newer, older));
        Assert.Equal(new FieldNameClash("p", "Name", true, "name", false), conflict);
    }

    [Fact]
    public void Widen_StructFieldsOfIncompatibleTypes_IsNullWithTheFieldPath()
    {
        var newer = new StructType([new Field("point", new StructType([new Field("x", Int64Type.Default, true)]), true)]);
        var older = new StructType([new Field("point", new StructType([new Field("x", StringType.Default, true)]), true)]);

        TypeWidening.Widen(newer, older, out var conflict);

        var mismatch = Assert.IsType<TypeMismatch>(conflict);
        Assert.Equal("point.x", mismatch.Path);
    }

    [Fact]
    public void Widen_Maps_WidenKeyAndValueAndKeepTheKeyRequired()
    {
        var newer = new MapType(new Field("key", StringType.Default, false), new Field("value", Int32Type.Default, false));
        var older = new MapType(new Field("key", LargeStringType.Default, false), new Field("value", Int64Type.Default, true));

        var widened = Assert.IsType<MapType>(TypeWidening.Widen(newer, older));

        Assert.Equal("map<large_utf8, int64, items_nullable>", ArrowTypeText.Of(widened));
        Assert.False(widened.KeyField.IsNullable);
    }

    [Fact]
    public void Widen_MapsWithIncompatibleKeys_IsNullWithTheKeyAsPath()
    {
        var newer = new MapType(StringType.Default, Int64Type.Default);
        var older = new MapType(Int64Type.Default, Int64Type.Default);

        var widened = TypeWidening.Widen(newer, older, out var conflict);

        Assert.Null(widened);
        Assert.Equal("key", Assert.IsType<TypeMismatch>(conflict).Path);
    }

    [Fact]
    public void Widen_NestedWithScalarOrAnotherNestedKind_IsNull()
    {
        var list = new ListType(new Field("item", Int64Type.Default, true));
        var structure = new StructType([new Field("item", Int64Type.Default, true)]);
        var map = new MapType(StringType.Default, Int64Type.Default);

        Assert.Null(TypeWidening.Widen(list, Int64Type.Default));
        Assert.Null(TypeWidening.Widen(structure, list));
        Assert.Null(TypeWidening.Widen(map, structure));
        Assert.Null(TypeWidening.Widen(map, list));
    }
}
