using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;
using CqSourceS3.Client.Tests.Arrow;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class CqRecordBuilderTests
{
    private const string IdA = "0b6e2c4a-1d2f-4e3a-9b8c-7d6e5f4a3b2c";
    private const string IdB = "F47AC10B-58CC-4372-A567-0E02B2C3D479";

    [Fact]
    public void Build_PlainFile_SharesFileColumnsWithoutCopying()
    {
        using var file = TestBatches.Mixed(30);
        var table = CqTableSchema.Create("t", file.Schema);

        using var record = new CqRecordBuilder(table, CqIdGenerator.Random).Build(file, 0);

        Assert.Same(table.Schema, record.Schema);
        Assert.Equal(30, record.Length);
        for (var i = 0; i < file.ColumnCount; i++)
        {
            AssertSharesBuffers(file.Column(i).Data, record.Column(i + 2).Data);
        }
    }

    [Fact]
    public void Build_TwoBatches_UseTheSameSchemaInstance()
    {
        using var first = TestBatches.Mixed(3);
        using var second = TestBatches.Mixed(5);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", first.Schema), CqIdGenerator.Random);

        using var a = builder.Build(first, 0);
        using var b = builder.Build(second, 3);

        Assert.Same(a.Schema, b.Schema);
    }

    [Fact]
    public void Build_PlainFile_GeneratesNonNullUniqueIdsAndNullParents()
    {
        using var file = TestBatches.Mixed(500);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", file.Schema), CqIdGenerator.Random);

        using var record = builder.Build(file, 0);

        var ids = (FixedSizeBinaryArray)record.Column(0);
        var parents = (FixedSizeBinaryArray)record.Column(1);
        Assert.Equal(0, ids.NullCount);
        Assert.Equal(500, Enumerable.Range(0, 500).Select(i => new Guid(ids.GetBytes(i), bigEndian: true)).Distinct().Count());
        Assert.Equal(500, parents.NullCount);
        Assert.All(Enumerable.Range(0, 500), i => Assert.True(parents.IsNull(i)));
    }

    [Fact]
    public void Build_DeterministicInSeveralBatches_MatchesOneBatchAndASecondRun()
    {
        using var file = TestBatches.Mixed(10);
        var table = CqTableSchema.Create("t", file.Schema);
        var generator = CqIdGenerator.Deterministic("s3://b", "k.parquet", "etag:1");

        using var whole = new CqRecordBuilder(table, generator).Build(file, 0);
        var split = new CqRecordBuilder(table, CqIdGenerator.Deterministic("s3://b", "k.parquet", "etag:1"));
        using var head = file.SliceShared(0, 4);
        using var tail = file.SliceShared(4, 6);
        using var first = split.Build(head, 0);
        using var second = split.Build(tail, 4);

        Assert.Equal(IdsOf(whole), IdsOf(first).Concat(IdsOf(second)));
    }

    [Fact]
    public void Build_ReusedTextIds_PreservedExactlyAndBadOnesReplacedAndCounted()
    {
        using var file = FileWithIds(new StringArray.Builder().Append(IdA).AppendNull().Append("not-a-uuid").Append(IdB).Build());
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", file.Schema), CqIdGenerator.Random);

        using var record = builder.Build(file, 0);

        var ids = IdsOf(record);
        Assert.Equal(Guid.Parse(IdA), ids[0]);
        Assert.Equal(Guid.Parse(IdB), ids[3]);
        Assert.Equal(2, builder.ReplacedIdCount);
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(0x40, record.Column(0).Data.Buffers[1].Span[16 + 6] & 0xF0);
        Assert.Equal(0, record.Column(0).NullCount);
    }

    [Fact]
    public void Build_ReusedBinaryIds_PreservedByteForByte()
    {
        var raw = Enumerable.Range(0, 3 * 16).Select(i => (byte)(i * 7)).ToArray();
        var column = new FixedSizeBinaryArray(new ArrayData(new FixedSizeBinaryType(16), 3, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(raw)]));
        using var file = FileWithIds(column);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", file.Schema), CqIdGenerator.Random);

        using var record = builder.Build(file, 0);

        Assert.Equal(raw, record.Column(0).Data.Buffers[1].Span[..(3 * 16)].ToArray());
        Assert.Equal(0, builder.ReplacedIdCount);
    }

    [Fact]
    public void Build_ReusedParentIds_ParsedAndInvalidBecomeNull()
    {
        var parents = new StringArray.Builder().Append(IdB).AppendNull().Append("nope").Build();
        var ids = new StringArray.Builder().Append(IdA).Append(IdA).Append(IdA).Build();
        var schema = new Schema(
        [
            new Field("_cq_id", StringType.Default, false),
            new Field("_cq_parent_id", StringType.Default, true),
        ], null);
        using var file = new RecordBatch(schema, [ids, parents], 3);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", schema), CqIdGenerator.Random);

        using var record = builder.Build(file, 0);

        var output = (FixedSizeBinaryArray)record.Column(1);
        Assert.Equal(Guid.Parse(IdB), new Guid(output.GetBytes(0), bigEndian: true));
        Assert.True(output.IsNull(1));
        Assert.True(output.IsNull(2));
        Assert.Equal(2, output.NullCount);
        Assert.Equal(1, builder.InvalidParentIdCount);
    }

    [Fact]
    public void Build_SlicedTextIds_ReadsTheSlicesRows()
    {
        using var whole = FileWithIds(new StringArray.Builder().Append(IdA).Append(IdB).Append(IdA).Build());
        using var slice = whole.SliceShared(1, 2);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", whole.Schema), CqIdGenerator.Random);

        using var record = builder.Build(slice, 1);

        Assert.Equal([Guid.Parse(IdB), Guid.Parse(IdA)], IdsOf(record));
        Assert.Equal(["1", "2"], Enumerable.Range(0, 2).Select(i => ((StringArray)record.Column(2)).GetString(i)));
    }

    [Fact]
    public void Build_RecordDisposed_FileBatchStillReadable()
    {
        using var file = TestBatches.Mixed(8);
        var expected = TestBatches.DescribeAll(file);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", file.Schema), CqIdGenerator.Random);

        builder.Build(file, 0).Dispose();

        Assert.Equal(expected, TestBatches.DescribeAll(file));
    }

    [Fact]
    public void Build_BatchOfAnotherLayout_Throws()
    {
        using var file = TestBatches.Mixed(2);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", new Schema([new Field("a", Int64Type.Default, true)], null)), CqIdGenerator.Random);

        Assert.Throws<ArgumentException>(() => builder.Build(file, 0));
    }

    private static RecordBatch FileWithIds(IArrowArray ids)
    {
        var names = new StringArray.Builder();
        for (var i = 0; i < ids.Length; i++)
        {
            names.Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var schema = new Schema(
        [
            new Field("_cq_id", ids.Data.DataType, true),
            new Field("n", StringType.Default, false),
        ], null);
        return new RecordBatch(schema, [ids, names.Build()], ids.Length);
    }

    // Span equality is identity: same memory, same length. Children cover the list and struct columns.
    private static void AssertSharesBuffers(ArrayData expected, ArrayData actual)
    {
        Assert.Equal(expected.Offset, actual.Offset);
        Assert.Equal(expected.Buffers.Length, actual.Buffers.Length);
        for (var i = 0; i < expected.Buffers.Length; i++)
        {
            Assert.True(expected.Buffers[i].Span == actual.Buffers[i].Span, $"buffer {i} was copied");
        }

        for (var i = 0; i < (expected.Children?.Length ?? 0); i++)
        {
            AssertSharesBuffers(expected.Children![i], actual.Children![i]);
        }
    }

    private static List<Guid> IdsOf(RecordBatch record)
    {
        var ids = (FixedSizeBinaryArray)record.Column(0);
        return Enumerable.Range(0, ids.Length).Select(i => new Guid(ids.GetBytes(i), bigEndian: true)).ToList();
    }
}
