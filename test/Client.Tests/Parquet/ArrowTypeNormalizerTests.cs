using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class ArrowTypeNormalizerTests
{
    private static readonly Dictionary<string, string> FieldMetadata = new() { ["PARQUET:field_id"] = "7" };

    [Fact]
    public void NormalizeSchema_DictionaryAndHalfFloatAtAnyDepth_BecomeValueTypeAndFloat32()
    {
        var dictionary = new DictionaryType(Int16Type.Default, StringType.Default, false);
        var schema = new Schema(
            [
                new Field("category", dictionary, true, FieldMetadata),
                new Field("ratio", HalfFloatType.Default, false),
                new Field("tags", new ListType(new Field("element", dictionary, true)), true),
                new Field("big", new LargeListType(new Field("item", HalfFloatType.Default, true)), true),
                new Field("pair", new FixedSizeListType(new Field("item", HalfFloatType.Default, false), 2), true),
                new Field("attrs", new MapType(new Field("key", StringType.Default, false), new Field("value", dictionary, true)), true),
                new Field("point", new StructType([new Field("h", HalfFloatType.Default, true), new Field("u", UInt64Type.Default, false)]), true),
            ],
            new Dictionary<string, string> { ["origin"] = "test" });

        var normalized = ArrowTypeNormalizer.NormalizeSchema(schema);

        Assert.Equal(
            """
            category: utf8 {PARQUET:field_id=7}
            ratio: float not null
            tags: list<element: utf8>
            big: large_list<item: float>
            pair: fixed_size_list[2]<item: float not null>
            attrs: map[sorted=False]<entries: struct<key: utf8 not null, value: utf8> not null>
            point: struct<h: float, u: uint64 not null>
            metadata {origin=test}
            """.Replace("\r", "", StringComparison.Ordinal),
            ArrowSchemaText.Describe(normalized));
    }

    [Fact]
    public void NormalizeSchema_NothingToConvert_KeepsTypesNamesAndNullability()
    {
        var schema = new Schema(
            [
                new Field("u8", UInt8Type.Default, false),
                new Field("ts", new TimestampType(TimeUnit.Nanosecond, "Europe/Oslo"), true),
                new Field("d", new Decimal256Type(76, 10), true),
                new Field("l", new ListType(new Field("x", new Time64Type(TimeUnit.Microsecond), true)), true),
            ],
            null);

        var normalized = ArrowTypeNormalizer.NormalizeSchema(schema);

        Assert.Equal(ArrowSchemaText.Describe(schema), ArrowSchemaText.Describe(normalized));
    }

    [Fact]
    public void NormalizeBatch_DictionaryWithNullIndexAndNullEntry_DecodesEveryRow()
    {
        var type = new DictionaryType(Int8Type.Default, StringType.Default, false);
        var indices = new Int8Array.Builder().Append(2).AppendNull().Append(0).Append(1).Append(2).Build();
        var values = new StringArray.Builder().Append("zero").AppendNull().Append("two").Build();
        var schema = new Schema([new Field("c", type, true)], null);
        var batch = new RecordBatch(schema, [new DictionaryArray(type, indices, values)], 5);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(batch, ArrowTypeNormalizer.NormalizeSchema(schema));

        var column = Assert.IsType<StringArray>(normalized.Column(0));
        Assert.Equal(["two", null, "zero", null, "two"], Enumerable.Range(0, 5).Select(i => column.GetString(i)));
        Assert.Equal(2, column.NullCount);
    }

    [Fact]
    public void NormalizeBatch_LargeStringAndFixedWidthDictionaries_DecodeToTheirValueTypes()
    {
        var largeType = new DictionaryType(UInt16Type.Default, LargeStringType.Default, false);
        var intType = new DictionaryType(Int32Type.Default, Int64Type.Default, false);
        var large = new DictionaryArray(largeType, new UInt16Array.Builder().Append(1).Append(0).Build(),
            new LargeStringArray.Builder().Append("a").Append("bé").Build());
        var ints = new DictionaryArray(intType, new Int32Array.Builder().Append(0).Append(1).Build(),
            new Int64Array.Builder().Append(long.MaxValue).Append(-5).Build());
        var schema = new Schema([new Field("s", largeType, true), new Field("i", intType, true)], null);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(new RecordBatch(schema, [large, ints], 2), ArrowTypeNormalizer.NormalizeSchema(schema));

        Assert.Equal(["bé", "a"], Enumerable.Range(0, 2).Select(i => ((LargeStringArray)normalized.Column(0)).GetString(i)));
        Assert.Equal([long.MaxValue, -5L], ((Int64Array)normalized.Column(1)).Values.ToArray());
    }

    [Fact]
    public void NormalizeBatch_SlicedHalfFloatsWithNulls_WidenExactly()
    {
        var halves = new HalfFloatArray.Builder()
            .Append((Half)1.5).AppendNull().Append(Half.NaN).Append(Half.NegativeInfinity).Append(Half.Epsilon).Append((Half)(-0.0))
            .Build();
        var sliced = (HalfFloatArray)halves.Slice(1, 5);
        var schema = new Schema([new Field("h", HalfFloatType.Default, true)], null);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(new RecordBatch(schema, [sliced], 5), ArrowTypeNormalizer.NormalizeSchema(schema));

        var floats = Assert.IsType<FloatArray>(normalized.Column(0));
        Assert.Null(floats.GetValue(0));
        Assert.True(float.IsNaN(floats.GetValue(1)!.Value));
        Assert.Equal(float.NegativeInfinity, floats.GetValue(2));
        Assert.Equal((float)Half.Epsilon, floats.GetValue(3));
        Assert.True(float.IsNegative(floats.GetValue(4)!.Value));
    }

    [Fact]
    public void NormalizeBatch_StructWithDictionaryChild_DecodesChildAndKeepsStructNulls()
    {
        var dictionary = new DictionaryType(Int32Type.Default, StringType.Default, false);
        var child = new DictionaryArray(dictionary, new Int32Array.Builder().Append(1).Append(0).Append(1).Build(),
            new StringArray.Builder().Append("x").Append("y").Build());
        var structType = new StructType([new Field("k", dictionary, true), new Field("n", Int32Type.Default, true)]);
        var valid = new ArrowBuffer.BitmapBuilder().Append(true).Append(false).Append(true);
        var point = new StructArray(structType, 3, [child, new Int32Array.Builder().AppendRange([1, 2, 3]).Build()], valid.Build(), 1);
        var schema = new Schema([new Field("p", structType, true)], null);
        var normalizedSchema = ArrowTypeNormalizer.NormalizeSchema(schema);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(new RecordBatch(schema, [point], 3), normalizedSchema);

        Assert.Equal(ArrowSchemaText.Describe(normalizedSchema.GetFieldByIndex(0).DataType), ArrowSchemaText.Describe(normalized.Column(0).Data.DataType));
        Assert.Equal(["{k=\"y\", n=1}", "null", "{k=\"y\", n=3}"], Enumerable.Range(0, 3).Select(i => ArrowValueFormatter.Format(normalized.Column(0), i)));
    }

    [Fact]
    public void NormalizeBatch_NothingToConvert_ReusesTheSameColumns()
    {
        var ints = new Int32Array.Builder().AppendRange([1, 2]).Build();
        var schema = new Schema([new Field("i", Int32Type.Default, true)], null);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(new RecordBatch(schema, [ints], 2), schema);

        Assert.Same(ints, normalized.Column(0));
    }
}
