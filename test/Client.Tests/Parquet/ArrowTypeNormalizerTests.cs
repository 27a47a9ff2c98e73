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
    public void NormalizeSchema_ViewAndSmallDecimalTypesAtAnyDepth_BecomeClassicTypes()
    {
        var schema = new Schema(
            [
                new Field("s", StringViewType.Default, true, FieldMetadata),
                new Field("b", BinaryViewType.Default, false),
                new Field("d32", new Decimal32Type(9, 2), true),
                new Field("d64", new Decimal64Type(18, 4), false),
                new Field("lv", new ListViewType(new Field("item", StringViewType.Default, true, FieldMetadata)), true),
                new Field("llv", new LargeListViewType(new Field("item", new Decimal32Type(4, 0), false)), true),
                new Field("l", new ListType(new Field("element", BinaryViewType.Default, true)), true),
                new Field("ll", new LargeListType(new Field("item", new Decimal64Type(12, 3), true)), true),
                new Field("fsl", new FixedSizeListType(new Field("item", StringViewType.Default, true), 2), true),
                new Field("m", new MapType(new Field("key", StringViewType.Default, false), new Field("value", new Decimal64Type(10, 3), true)), true),
                new Field("st", new StructType([new Field("a", new Decimal32Type(5, 1), true), new Field("v", new ListViewType(new Field("x", BinaryViewType.Default, true)), true)]), true),
            ],
            new Dictionary<string, string> { ["origin"] = "test" });

        var normalized = ArrowTypeNormalizer.NormalizeSchema(schema);

        Assert.Equal(
            """
            s: utf8 {PARQUET:field_id=7}
            b: binary not null
            d32: decimal128(9,2)
            d64: decimal128(18,4) not null
            lv: list<item: utf8 {PARQUET:field_id=7}>
            llv: large_list<item: decimal128(4,0) not null>
            l: list<element: binary>
            ll: large_list<item: decimal128(12,3)>
            fsl: fixed_size_list[2]<item: utf8>
            m: map[sorted=False]<entries: struct<key: utf8 not null, value: decimal128(10,3)> not null>
            st: struct<a: decimal128(5,1), v: list<x: binary>>
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

    [Fact]
    public void NormalizeBatch_SlicedStringAndBinaryViews_CopyEveryValueByteForByte()
    {
        string?[] strings = ["dropped by the slice", "inline", null, "", "exactly 12 b", "thirteen byte", "é, ü and ✓ are more than twelve bytes", null];
        var views = new StringViewArray.Builder();
        var binaries = new BinaryViewArray.Builder();
        foreach (var value in strings)
        {
            if (value is null)
            {
                views.AppendNull();
                binaries.AppendNull();
            }
            else
            {
                views.Append(value);
                binaries.Append(System.Text.Encoding.UTF8.GetBytes(value));
            }
        }

        var schema = new Schema([new Field("s", StringViewType.Default, true), new Field("b", BinaryViewType.Default, true)], null);
        var batch = new RecordBatch(schema, [views.Build().Slice(1, 7), binaries.Build().Slice(1, 7)], 7);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(batch, ArrowTypeNormalizer.NormalizeSchema(schema));

        var text = Assert.IsType<StringArray>(normalized.Column(0));
        var bytes = Assert.IsType<BinaryArray>(normalized.Column(1));
        Assert.Equal(strings[1..], Enumerable.Range(0, 7).Select(i => text.GetString(i)));
        Assert.Equal(2, text.NullCount);
        Assert.Equal(
            strings[1..].Select(s => s is null ? null : Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(s))),
            Enumerable.Range(0, 7).Select(i => bytes.IsNull(i) ? null : Convert.ToHexString(bytes.GetBytes(i))));
        Assert.Equal(2, bytes.NullCount);
    }

    [Fact]
    public void NormalizeBatch_SlicedDecimal32And64AtTheirLimits_WidenToTheSameDecimal128Values()
    {
        var d32Type = new Decimal32Type(9, 2);
        var d64Type = new Decimal64Type(18, 4);
        var d32 = new Decimal32Array.Builder(d32Type)
            .Append(5m).Append(9999999.99m).Append(-9999999.99m).AppendNull().Append(-0.01m).Append(0m).Build();
        var d64 = new Decimal64Array.Builder(d64Type)
            .Append(5m).Append(99999999999999.9999m).Append(-99999999999999.9999m).Append(-0.0001m).AppendNull().Append(0m).Build();
        var schema = new Schema([new Field("d32", d32Type, true), new Field("d64", d64Type, true)], null);
        var batch = new RecordBatch(schema, [d32.Slice(1, 5), d64.Slice(1, 5)], 5);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(batch, ArrowTypeNormalizer.NormalizeSchema(schema));

        var wide32 = Assert.IsType<Decimal128Array>(normalized.Column(0));
        var wide64 = Assert.IsType<Decimal128Array>(normalized.Column(1));
        Assert.Equal((9, 2), (wide32.Precision, wide32.Scale));
        Assert.Equal((18, 4), (wide64.Precision, wide64.Scale));
        Assert.Equal(["9999999.99", "-9999999.99", null, "-0.01", "0.00"], Enumerable.Range(0, 5).Select(i => wide32.GetString(i)));
        Assert.Equal(["99999999999999.9999", "-99999999999999.9999", "-0.0001", null, "0.0000"], Enumerable.Range(0, 5).Select(i => wide64.GetString(i)));
    }

    [Fact]
    public void NormalizeBatch_ListViewOutOfOrderOverlappingAndSliced_BecomesListOfTheSameRows()
    {
        // Child: ["x", "y", "z", "a string longer than twelve bytes"]; rows (offset, size) out of order, sharing
        // elements, with a null row whose view still points at elements.
        var child = new StringViewArray.Builder().AppendRange(["x", "y", "z", "a string longer than twelve bytes"]).Build();
        var type = new ListViewType(new Field("item", StringViewType.Default, true));
        var offsets = new ArrowBuffer.Builder<int>().AppendRange([0, 2, 0, 1, 3, 0]).Build();
        var sizes = new ArrowBuffer.Builder<int>().AppendRange([1, 2, 4, 2, 1, 0]).Build();
        var valid = new ArrowBuffer.BitmapBuilder().AppendRange([true, true, true, false, true, true]).Build();
        var view = new ListViewArray(type, 6, offsets, sizes, child, valid, 1);
        var schema = new Schema([new Field("l", type, true)], null);
        var batch = new RecordBatch(schema, [view.Slice(1, 5)], 5);
        var expected = Enumerable.Range(0, 5).Select(i => ArrowValueFormatter.Format(batch.Column(0), i)).ToList();

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(batch, ArrowTypeNormalizer.NormalizeSchema(schema));

        var list = Assert.IsType<ListArray>(normalized.Column(0));
        Assert.Equal("list<item: utf8>", ArrowSchemaText.Describe(list.Data.DataType));
        Assert.Equal(["[\"z\", \"a string longer than twelve bytes\"]", "[\"x\", \"y\", \"z\", \"a string longer than twelve bytes\"]", "null", "[\"a string longer than twelve bytes\"]", "[]"], expected);
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(i => ArrowValueFormatter.Format(list, i)));
        Assert.Equal(1, list.NullCount);
    }

    [Fact]
    public void NormalizeBatch_ListViewInRowOrder_KeepsItsChildWithoutCopying()
    {
        var child = new Int32Array.Builder().AppendRange([9, 1, 2, 3, 4]).Build();
        var type = new ListViewType(new Field("item", Int32Type.Default, true));
        // Rows [1, 2], [], null, [3, 4] one after another from element 1, the empty row's offset anywhere.
        var offsets = new ArrowBuffer.Builder<int>().AppendRange([1, 0, 3, 3]).Build();
        var sizes = new ArrowBuffer.Builder<int>().AppendRange([2, 0, 0, 2]).Build();
        var valid = new ArrowBuffer.BitmapBuilder().AppendRange([true, true, false, true]).Build();
        var schema = new Schema([new Field("l", type, true)], null);
        var batch = new RecordBatch(schema, [new ListViewArray(type, 4, offsets, sizes, child, valid, 1)], 4);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(batch, ArrowTypeNormalizer.NormalizeSchema(schema));

        var list = Assert.IsType<ListArray>(normalized.Column(0));
        Assert.Same(child.Data, list.Data.Children[0]);
        Assert.Equal(["[1, 2]", "[]", "null", "[3, 4]"], Enumerable.Range(0, 4).Select(i => ArrowValueFormatter.Format(list, i)));
    }

    [Fact]
    public void NormalizeBatch_LargeListViewOfSmallDecimalsWithANullRow_BecomesLargeListOfDecimal128()
    {
        var child = new Decimal32Array.Builder(new Decimal32Type(4, 1)).Append(1.5m).AppendNull().Append(-999.9m).Build();
        var type = new LargeListViewType(new Field("item", new Decimal32Type(4, 1), true));
        var offsets = new ArrowBuffer.Builder<long>().AppendRange([2, 0, 0]).Build();
        var sizes = new ArrowBuffer.Builder<long>().AppendRange([1, 3, 2]).Build();
        var valid = new ArrowBuffer.BitmapBuilder().AppendRange([true, false, true]).Build();
        var schema = new Schema([new Field("l", type, true)], null);
        var batch = new RecordBatch(schema, [new LargeListViewArray(type, 3, offsets, sizes, child, valid, 1)], 3);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(batch, ArrowTypeNormalizer.NormalizeSchema(schema));

        var list = Assert.IsType<LargeListArray>(normalized.Column(0));
        Assert.Equal("large_list<item: decimal128(4,1)>", ArrowSchemaText.Describe(list.Data.DataType));
        Assert.Equal(["[-999.9]", "null", "[1.5, null]"], Enumerable.Range(0, 3).Select(i => ArrowValueFormatter.Format(list, i)));
    }

    [Fact]
    public void NormalizeBatch_ViewsAndSmallDecimalsInsideStructAndMap_ConvertedLikeTheSchemaAndValuesKept()
    {
        var batch = ViewAndSmallDecimalBatches.Build();
        var expected = ArrowValueFormatter.Rows(batch).ToList();
        var normalizedSchema = ArrowTypeNormalizer.NormalizeSchema(batch.Schema);

        using var normalized = ArrowTypeNormalizer.NormalizeBatch(batch, normalizedSchema);

        Assert.All(Enumerable.Range(0, normalized.ColumnCount), c => Assert.Equal(
            ArrowSchemaText.Describe(normalizedSchema.GetFieldByIndex(c).DataType), ArrowSchemaText.Describe(normalized.Column(c).Data.DataType)));
        Assert.Equal(expected, ArrowValueFormatter.Rows(normalized));
        Assert.Equal(
            "\"short\" | 0x00FF | 1.23 | 12345678901234.5678 | [\"a\", \"bb\"] | {amount=12.5, label=\"p\"} | [{key=\"k\", value=1.500}]",
            expected[0]);
    }
}
