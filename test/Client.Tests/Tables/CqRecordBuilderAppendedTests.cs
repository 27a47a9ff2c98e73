using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Tables;
using CqSourceS3.Client.Tests.Arrow;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class CqRecordBuilderAppendedTests
{
    // 2024-05-06T07:08:09.1234567Z: the last digit is below a microsecond and must be dropped.
    private static readonly DateTimeOffset Modified = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly Schema FileSchema = TestBatches.Mixed(0).Schema;

    private static readonly StoredObject Versioned = new("sales/year=2024/a.parquet", 100, Modified, "etag-1", "v-7");

    private static readonly AppendedColumn[] EveryKind =
    [
        AppendedColumn.Partition("year", 0, HiveValueType.Int32),
        AppendedColumn.Partition("region", 1, HiveValueType.Utf8),
        AppendedColumn.Partition("big", 2, HiveValueType.Int64),
        AppendedColumn.Partition("ratio", 3, HiveValueType.Float64),
        AppendedColumn.Partition("flag", 4, HiveValueType.Bool),
        AppendedColumn.Partition("day", 5, HiveValueType.Date32),
        AppendedColumn.Partition("ts", 6, HiveValueType.Timestamp),
        AppendedColumn.Partition("missing", 7, HiveValueType.Int64),
        AppendedColumn.Lineage(LineageColumn.Key),
        AppendedColumn.Lineage(LineageColumn.LastModified),
        AppendedColumn.Lineage(LineageColumn.Etag),
        AppendedColumn.Lineage(LineageColumn.VersionId),
        AppendedColumn.Lineage(LineageColumn.Row),
    ];

    private static readonly object?[] EveryKindValues =
    [
        2024, "eu-wést", 5_000_000_000L, 1.5, true, new DateOnly(2024, 1, 31),
        new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero), null,
    ];

    // What EveryKind's columns hold for row r of Versioned, as ArrowValueFormatter renders them.
    private static string ExpectedAppended(long row) =>
        $"2024 | \"eu-wést\" | 5000000000 | 1.5 | true | 19753 | 1704096000000000 | null | \"sales/year=2024/a.parquet\" | "
        + $"1714979289123456 | \"etag-1\" | \"v-7\" | {row}";

    [Fact]
    public void Build_EveryAppendedKind_ValuesRowByRowAcrossLongerShorterLongerBatches()
    {
        using var file = TestBatches.Mixed(20);
        var table = CqTableSchema.Create("sales", file.Schema, EveryKind);
        using var builder = new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, EveryKindValues));

        var rows = new List<string>();
        var expected = new List<string>();
        foreach (var (start, length) in (ReadOnlySpan<(int, int)>)[(0, 6), (6, 2), (8, 9), (17, 3)])
        {
            using var slice = file.SliceShared(start, length);
            using var record = builder.Build(slice, start);

            Assert.Same(table.Schema, record.Schema);
            Assert.Equal(length, record.Length);
            rows.AddRange(AppendedRows(record, file.ColumnCount));
            expected.AddRange(Enumerable.Range(start, length).Select(row => ExpectedAppended(row)));
            Assert.Equal(TestBatches.DescribeAll(slice), DataRows(record));
        }

        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Build_EveryAppendedKind_ArraysHaveTheSchemasTypes()
    {
        using var file = TestBatches.Mixed(3);
        var table = CqTableSchema.Create("sales", file.Schema, EveryKind);
        using var builder = new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, EveryKindValues));

        using var record = builder.Build(file, 0);

        for (var i = 0; i < record.ColumnCount; i++)
        {
            Assert.Equal(table.Schema.FieldsList[i].DataType.TypeId, record.Column(i).Data.DataType.TypeId);
        }

        Assert.IsType<TimestampArray>(record.Column("ts"));
        Assert.IsType<Date32Array>(record.Column("day"));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero), ((TimestampArray)record.Column("ts")).GetTimestamp(2));
        Assert.Equal(new DateOnly(2024, 1, 31), ((Date32Array)record.Column("day")).GetDateOnly(1));
        Assert.Equal(3, record.Column("missing").NullCount);
        Assert.Equal(0, record.Column("year").NullCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void Build_ObjectWithoutVersionOrETag_ThoseColumnsAreNull(string? versionId)
    {
        using var file = TestBatches.Mixed(4);
        var table = CqTableSchema.Create("t", file.Schema,
            [AppendedColumn.Lineage(LineageColumn.Etag), AppendedColumn.Lineage(LineageColumn.VersionId), AppendedColumn.Lineage(LineageColumn.Key)]);
        var obj = new StoredObject("k.parquet", 1, Modified, ETag: null, VersionId: versionId);
        using var builder = new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(obj, []));

        using var record = builder.Build(file, 0);

        var etags = (StringArray)record.Column("_source_etag");
        var versions = (StringArray)record.Column("_source_version_id");
        Assert.Equal((4, 4), (etags.NullCount, versions.NullCount));
        Assert.All(Enumerable.Range(0, 4), row => Assert.Equal((null, null), (etags.GetString(row), versions.GetString(row))));
        Assert.Equal("k.parquet", ((StringArray)record.Column("_source_key")).GetString(3));
    }

    [Fact]
    public void Build_TwoBatchesOfEqualLength_ShareTheConstantColumnsValueBuffers()
    {
        using var file = TestBatches.Mixed(8);
        var table = CqTableSchema.Create("sales", file.Schema, EveryKind);
        using var builder = new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, EveryKindValues));
        using var head = file.SliceShared(0, 4);
        using var tail = file.SliceShared(4, 4);

        using var first = builder.Build(head, 0);
        using var second = builder.Build(tail, 4);

        foreach (var name in new[] { "year", "region", "big", "ratio", "flag", "day", "ts", "_source_key", "_source_last_modified" })
        {
            var a = first.Column(name).Data;
            var b = second.Column(name).Data;
            Assert.True(a.Buffers[^1].Span == b.Buffers[^1].Span, $"{name} was built twice");
        }

        Assert.False(first.Column("_source_row").Data.Buffers[1].Span.Overlaps(second.Column("_source_row").Data.Buffers[1].Span));
    }

    [Fact]
    public void Build_BuilderDisposedFirst_RecordsStayReadableAndDisposeInAnyOrder()
    {
        using var file = TestBatches.Mixed(9);
        var table = CqTableSchema.Create("sales", file.Schema, EveryKind);
        var builder = new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, EveryKindValues));
        using var head = file.SliceShared(0, 5);
        using var tail = file.SliceShared(5, 4);
        var first = builder.Build(head, 0);
        var second = builder.Build(tail, 5);

        builder.Dispose();
        Assert.Equal(Enumerable.Range(0, 5).Select(row => ExpectedAppended(row)), AppendedRows(first, file.ColumnCount));
        second.Dispose();
        Assert.Equal(Enumerable.Range(0, 5).Select(row => ExpectedAppended(row)), AppendedRows(first, file.ColumnCount));
        first.Dispose();
        Assert.Equal(TestBatches.DescribeAll(file).Take(5), TestBatches.DescribeAll(head));
    }

    [Fact]
    public void Build_RecordsDisposedBeforeTheNextBatch_LaterRecordsStillCorrect()
    {
        using var file = TestBatches.Mixed(6);
        var table = CqTableSchema.Create("sales", file.Schema, EveryKind);
        using var builder = new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, EveryKindValues));
        using var head = file.SliceShared(0, 3);
        using var tail = file.SliceShared(3, 3);

        builder.Build(head, 0).Dispose();
        using var second = builder.Build(tail, 3);

        Assert.Equal(Enumerable.Range(3, 3).Select(row => ExpectedAppended(row)), AppendedRows(second, file.ColumnCount));
    }

    [Fact]
    public void Build_AfterDispose_Throws()
    {
        using var file = TestBatches.Mixed(2);
        var builder = new CqRecordBuilder(CqTableSchema.Create("t", file.Schema, [AppendedColumn.Lineage(LineageColumn.Row)]),
            CqIdGenerator.Random, new ObjectColumnValues(Versioned, []));

        builder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => builder.Build(file, 0));
    }

    [Fact]
    public void Constructor_TableWithAppendedColumnsButNoValues_Throws()
    {
        var table = CqTableSchema.Create("t", FileSchema, [AppendedColumn.Lineage(LineageColumn.Key)]);

        Assert.Throws<ArgumentException>(() => new CqRecordBuilder(table, CqIdGenerator.Random));
    }

    [Fact]
    public void Constructor_MissingOrMistypedPartitionValue_Throws()
    {
        var table = CqTableSchema.Create("t", FileSchema, [AppendedColumn.Partition("year", 1, HiveValueType.Int32)]);

        Assert.Throws<ArgumentException>(() => new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, [2024])));
        Assert.Throws<ArgumentException>(() => new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, [null, 2024L])));
        Assert.Throws<ArgumentException>(() => new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, [null, "2024"])));
    }

    [Fact]
    public void Build_ValuesForATableWithoutAppendedColumns_SameAsTheOldConstructor()
    {
        using var file = TestBatches.Mixed(5);
        var table = CqTableSchema.Create("t", file.Schema);
        using var builder = new CqRecordBuilder(table, CqIdGenerator.Random, new ObjectColumnValues(Versioned, []));

        using var record = builder.Build(file, 0);

        Assert.Equal(6, record.ColumnCount);
        Assert.Equal(TestBatches.DescribeAll(file), DataRows(record));
    }

    // The appended columns come after the two id columns and the file's data columns.
    private static IEnumerable<string> AppendedRows(RecordBatch record, int fileColumns)
    {
        var first = 2 + fileColumns;
        return Enumerable.Range(0, record.Length).Select(row => string.Join(" | ",
            Enumerable.Range(first, record.ColumnCount - first).Select(c => ArrowValueFormatter.Format(record.Column(c), row))));
    }

    private static List<string> DataRows(RecordBatch record)
    {
        var data = new RecordBatch(FileSchema, Enumerable.Range(2, 4).Select(record.Column), record.Length);
        return TestBatches.DescribeAll(data);
    }
}
