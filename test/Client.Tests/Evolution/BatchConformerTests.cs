using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using CqSourceS3.Client;
using CqSourceS3.Client.Evolution;

namespace CqSourceS3.Client.Tests.Evolution;

public sealed class BatchConformerTests
{
    [Fact]
    public void Conform_IdenticalSchemas_ReturnsTheBatchItself()
    {
        var batch = Batch(("id", new Int64Array.Builder().Append(1).Build()), ("name", new StringArray.Builder().Append("a").Build()));
        var conformer = new BatchConformer(new Schema(batch.Schema.FieldsList, null), batch.Schema);

        var conformed = conformer.Conform(batch, "k");

        Assert.True(conformer.IsIdentity);
        Assert.Same(batch, conformed);
    }

    [Fact]
    public void Conform_ReorderedColumns_SharesEveryColumnWithoutCopying()
    {
        var id = new Int64Array.Builder().Append(1).AppendNull().Append(3).Build();
        var name = new StringArray.Builder().Append("a").Append("").AppendNull().Build();
        var batch = Batch(("id", id), ("name", name));
        var target = new Schema([Nullable("name", StringType.Default), Nullable("id", Int64Type.Default)], null);
        var conformer = new BatchConformer(target, batch.Schema);
        var (names, ids) = (name.ValueBuffer.Memory, id.ValueBuffer.Memory);

        using var conformed = conformer.Conform(batch, "k");

        Assert.False(conformer.IsIdentity);
        Assert.Same(target, conformed.Schema);
        Assert.True(EvolutionArrays.SameMemory(names, ((StringArray)conformed.Column(0)).ValueBuffer));
        Assert.True(EvolutionArrays.SameMemory(ids, ((Int64Array)conformed.Column(1)).ValueBuffer));
        Assert.Equal(["\"a\" | 1", "\"\" | null", "null | 3"], EvolutionArrays.Rows(conformed));
    }

    [Fact]
    public void Conform_OnlyNullabilityDiffers_SharesTheColumnsUnderTheTargetSchema()
    {
        var id = new Int64Array.Builder().Append(7).Build();
        var source = new Schema([new Field("id", Int64Type.Default, nullable: false)], null);
        var target = new Schema([Nullable("id", Int64Type.Default)], null);
        var conformer = new BatchConformer(target, source);
        var ids = id.ValueBuffer.Memory;

        using var conformed = conformer.Conform(new RecordBatch(source, [id], 1), "k");

        Assert.False(conformer.IsIdentity);
        Assert.Same(target, conformed.Schema);
        Assert.True(EvolutionArrays.SameMemory(ids, ((Int64Array)conformed.Column(0)).ValueBuffer));
    }

    [Fact]
    public void Conform_MissingColumnsOfEveryType_AreNullWithAValidLayout()
    {
        var batch = Batch(("id", new Int32Array.Builder().Append(1).Append(2).Build()));
        var target = new Schema([.. EvolutionTypes.Columns(), Nullable("id", Int32Type.Default)], null);
        var conformer = new BatchConformer(target, batch.Schema);

        using var conformed = conformer.Conform(batch, "k");
        using var read = EvolutionArrays.RoundTrip(conformed);

        var nulls = string.Join(" | ", EvolutionTypes.All.Select(_ => "null"));
        Assert.Equal([nulls + " | 1", nulls + " | 2"], EvolutionArrays.Rows(read));
        Assert.Equal(EvolutionTypes.All.Select(type => type.TypeId), read.Schema.FieldsList.Take(EvolutionTypes.All.Count).Select(f => f.DataType.TypeId));
    }

    [Fact]
    public void Conform_WidenedSharedAndMissingColumns_ComeInTheTargetsOrder()
    {
        var seconds = new TimestampType(TimeUnit.Second, "UTC");
        var ts = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(seconds, [1L, 0L], [true, false]));
        var n = new Int32Array.Builder().Append(int.MinValue).Append(5).Build();
        var s = new StringArray.Builder().AppendNull().Append("z").Build();
        var batch = Batch(("ts", ts), ("n", n), ("s", s));
        var target = new Schema(
            [
                Nullable("extra", new ListType(StringType.Default)),
                Nullable("n", Int64Type.Default),
                Nullable("s", StringType.Default),
                Nullable("ts", new TimestampType(TimeUnit.Millisecond, "UTC")),
            ],
            null);

        var text = s.ValueBuffer.Memory;

        using var conformed = new BatchConformer(target, batch.Schema).Conform(batch, "k");

        Assert.Equal(["null | -2147483648 | null | 1000", "null | 5 | \"z\" | null"], EvolutionArrays.Rows(EvolutionArrays.RoundTrip(conformed)));
        Assert.True(EvolutionArrays.SameMemory(text, ((StringArray)conformed.Column(2)).ValueBuffer));
    }

    [Fact]
    public void Conform_TimestampOutOfRange_ThrowsNamingTheObjectColumnValueAndTypes()
    {
        var seconds = new TimestampType(TimeUnit.Second, (string?)null);
        var ts = ArrowArrayFactory.BuildArray(EvolutionArrays.Fixed(seconds, [0L, 9_223_372_036_854_775L], [true, true]));
        var batch = Batch(("ts", ts));
        var target = new Schema([Nullable("ts", new TimestampType(TimeUnit.Nanosecond, (string?)null))], null);
        var conformer = new BatchConformer(target, batch.Schema);

        var error = Assert.Throws<ColumnWideningException>(() => conformer.Conform(batch, "sales/a.parquet"));

        Assert.Equal("object \"sales/a.parquet\": column \"ts\": value 9223372036854775 (timestamp[s]) does not fit timestamp[ns]", error.Message);
        Assert.Equal(("sales/a.parquet", "ts"), (error.ObjectKey, error.Column));
        Assert.Equal(FailureKind.Data, error.Kind);
        Assert.IsType<ColumnWideningException>(error.InnerException);
    }

    [Fact]
    public void Constructor_SourceColumnMissingFromTheTarget_ThrowsArgumentException()
    {
        var source = new Schema([Nullable("id", Int64Type.Default), Nullable("gone", StringType.Default)], null);
        var target = new Schema([Nullable("id", Int64Type.Default)], null);

        var error = Assert.Throws<ArgumentException>(() => new BatchConformer(target, source));

        Assert.StartsWith("the target has no field \"gone\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ColumnThatDoesNotWiden_ThrowsArgumentExceptionNamingIt()
    {
        var source = new Schema([Nullable("amount", DoubleType.Default)], null);
        var target = new Schema([Nullable("amount", Int64Type.Default)], null);

        var error = Assert.Throws<ArgumentException>(() => new BatchConformer(target, source));

        Assert.StartsWith("column \"amount\": float64 does not widen into int64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateColumnName_ThrowsArgumentException()
    {
        var source = new Schema([Nullable("id", Int64Type.Default), Nullable("id", Int64Type.Default)], null);
        var target = new Schema([Nullable("id", Int64Type.Default)], null);

        Assert.Throws<ArgumentException>(() => new BatchConformer(target, source));
    }

    [Fact]
    public void Conform_BatchOfAnotherLayout_ThrowsArgumentException()
    {
        var source = new Schema([Nullable("id", Int32Type.Default)], null);
        var target = new Schema([Nullable("id", Int64Type.Default)], null);
        var wrong = Batch(("id", new StringArray.Builder().Append("1").Build()));

        Assert.Throws<ArgumentException>(() => new BatchConformer(target, source).Conform(wrong, "k"));
    }

    [Fact]
    public void Conform_ExtensionColumn_IsSharedAsItsStorage()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var uuids = new GuidArray.Builder().Append(guid).AppendNull().Build();
        var n = new Int8Array.Builder().Append(1).Append(2).Build();
        var source = new Schema([Nullable("u", GuidType.Default), Nullable("n", Int8Type.Default)], null);
        var target = new Schema([Nullable("u", GuidType.Default), Nullable("n", Int16Type.Default), Nullable("v", GuidType.Default)], null);
        var bytes = uuids.StorageArray.ValueBuffer.Memory;

        using var conformed = new BatchConformer(target, source).Conform(new RecordBatch(source, [uuids, n], 2), "k");

        var storage = Assert.IsType<FixedSizeBinaryArray>(conformed.Column(0));
        Assert.True(EvolutionArrays.SameMemory(bytes, storage.ValueBuffer));
        Assert.Equal(GuidArray.GuidToBytes(guid), storage.GetBytes(0).ToArray());
        Assert.True(storage.IsNull(1));
        Assert.Equal(2, conformed.Column(2).NullCount);
    }

    [Fact]
    public void Conform_SourceDisposedByConformThenAgain_ResultStaysReadableAndEveryBufferIsFreedOnce()
    {
        var allocator = new TrackingAllocator();
        var same = new Int64Array.Builder().Append(long.MinValue).AppendNull().Append(long.MaxValue).Build(allocator);
        var narrow = new Int32Array.Builder().Append(-1).Append(2).AppendNull().Build(allocator);
        var text = new StringArray.Builder().Append("one").AppendNull().Append("").Build(allocator);
        var lists = new ListArray.Builder(Int32Type.Default);
        lists.Append();
        ((Int32Array.Builder)lists.ValueBuilder).Append(4).Append(5);
        lists.AppendNull();
        lists.Append();
        var batch = Batch(("same", same), ("narrow", narrow), ("text", text), ("lists", lists.Build(allocator)));
        var target = new Schema(
            [
                Nullable("same", Int64Type.Default),
                Nullable("narrow", Int64Type.Default),
                Nullable("text", LargeStringType.Default),
                Nullable("lists", new LargeListType(new Field("item", Int32Type.Default, true))),
            ],
            null);

        var conformed = new BatchConformer(target, batch.Schema).Conform(batch, "k");
        var liveAfterConform = allocator.Live;
        batch.Dispose();

        Assert.True(liveAfterConform > 0);
        Assert.Equal(liveAfterConform, allocator.Live);
        Assert.Equal(
            ["-9223372036854775808 | -1 | \"one\" | [4, 5]", "null | 2 | null | null", "9223372036854775807 | null | \"\" | []"],
            EvolutionArrays.Rows(conformed));
        conformed.Dispose();
        Assert.Equal((0, 0), (allocator.Live, allocator.DoubleFrees));
    }

    private static Field Nullable(string name, IArrowType type) => new(name, type, nullable: true);

    private static RecordBatch Batch(params (string Name, IArrowArray Array)[] columns) =>
        new(new Schema(columns.Select(c => Nullable(c.Name, c.Array.Data.DataType)), null), columns.Select(c => c.Array), columns[0].Array.Length);
}
