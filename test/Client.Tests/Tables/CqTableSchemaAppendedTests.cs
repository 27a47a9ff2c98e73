using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class CqTableSchemaAppendedTests
{
    private static readonly KeyValuePair<string, string>[] DataMetadata =
    [
        new("cq:extension:incremental", "false"),
        new("cq:extension:primary_key", "false"),
        new("cq:extension:primary_key_component", "false"),
        new("cq:extension:type_schema", ""),
        new("cq:extension:unique", "false"),
    ];

    private static readonly AppendedColumn[] PartitionsAndLineage =
    [
        AppendedColumn.Partition("year", 0, HiveValueType.Int32),
        AppendedColumn.Partition("region", 1, HiveValueType.Utf8),
        AppendedColumn.Lineage(LineageColumn.Key),
        AppendedColumn.Lineage(LineageColumn.LastModified),
        AppendedColumn.Lineage(LineageColumn.Etag),
        AppendedColumn.Lineage(LineageColumn.VersionId),
        AppendedColumn.Lineage(LineageColumn.Row),
    ];

    [Fact]
    public void Create_WithAppended_TheyFollowTheDataColumnsInTheGivenOrder()
    {
        var table = CqTableSchema.Create("sales", File(new Field("amount", Int64Type.Default, false)), PartitionsAndLineage);

        Assert.Equal(
            ["_cq_id", "_cq_parent_id", "amount", "year", "region", "_source_key", "_source_last_modified", "_source_etag",
             "_source_version_id", "_source_row"],
            table.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(PartitionsAndLineage, table.Appended);
    }

    [Fact]
    public void Create_WithAppended_FieldsAreNullableWithTheirTypesAndFalseFlags()
    {
        var table = CqTableSchema.Create("sales", File(new Field("amount", Int64Type.Default, false)), PartitionsAndLineage);

        var appended = table.Schema.FieldsList.Skip(3).ToList();
        Assert.All(appended, field => Assert.True(field.IsNullable));
        Assert.All(appended, field => Assert.Equal(DataMetadata, field.Metadata.ToArray()));
        Assert.Equal(
            ["int32", "utf8", "utf8", "timestamp", "utf8", "utf8", "int64"],
            appended.Select(field => field.DataType.Name));
        var modified = (TimestampType)appended[3].DataType;
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (modified.Unit, modified.Timezone));
    }

    [Fact]
    public void Create_WithAppended_SourcesPointIntoTheAppendedList()
    {
        var table = CqTableSchema.Create("sales", File(new Field("amount", Int64Type.Default, false)), PartitionsAndLineage);

        Assert.Equal(new CqColumnSource(CqColumnOrigin.FileColumn, 0), table.Sources[2]);
        Assert.Equal(
            Enumerable.Range(0, PartitionsAndLineage.Length).Select(i => new CqColumnSource(CqColumnOrigin.Appended, -1, i)),
            table.Sources.Skip(3));
    }

    [Fact]
    public void Create_WithoutAppended_HasAnEmptyAppendedListAndTheOldLayout()
    {
        var schema = File(new Field("amount", Int64Type.Default, false));

        var table = CqTableSchema.Create("sales", schema, []);

        Assert.Empty(table.Appended);
        Assert.Empty(CqTableSchema.Create("sales", schema).Appended);
        Assert.Equal(["_cq_id", "_cq_parent_id", "amount"], table.Schema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public void Create_PartitionNamedLikeAFileColumn_ThrowsNamingTableAndColumn()
    {
        var ex = Assert.Throws<CqSchemaException>(() => CqTableSchema.Create("sales",
            File(new Field("year", Int64Type.Default, true)), [AppendedColumn.Partition("year", 0, HiveValueType.Int32)]));

        Assert.Equal("Table sales: partition column \"year\" clashes with a column of the file of the same name.", ex.Message);
        Assert.Equal(("sales", "year"), (ex.TableName, ex.ColumnName));
    }

    [Fact]
    public void Create_LineageNamedLikeAFileColumn_ThrowsNamingTableAndColumn()
    {
        var ex = Assert.Throws<CqSchemaException>(() => CqTableSchema.Create("sales",
            File(new Field("_source_key", StringType.Default, true)), [AppendedColumn.Lineage(LineageColumn.Key)]));

        Assert.Equal("Table sales: lineage column \"_source_key\" clashes with a column of the file of the same name.", ex.Message);
    }

    [Theory]
    [InlineData("_cq_source_name")]
    [InlineData("_cq_sync_time")]
    [InlineData("_cq_id")]
    public void Create_PartitionNamedLikeAFileColumnTheTableDropsOrReuses_StillThrows(string name)
    {
        var file = File(new Field(name, StringType.Default, true), new Field("amount", Int64Type.Default, true));

        var ex = Assert.Throws<CqSchemaException>(() =>
            CqTableSchema.Create("sales", file, [AppendedColumn.Partition(name, 0, HiveValueType.Utf8)]));

        Assert.Contains("clashes with a column of the file", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_cq_id")]
    [InlineData("_cq_parent_id")]
    [InlineData("_cq_source_name")]
    [InlineData("_cq_sync_time")]
    public void Create_PartitionNamedLikeAnInternalColumn_Throws(string name)
    {
        var ex = Assert.Throws<CqSchemaException>(() => CqTableSchema.Create("sales",
            File(new Field("amount", Int64Type.Default, true)), [AppendedColumn.Partition(name, 0, HiveValueType.Utf8)]));

        Assert.Equal($"Table sales: partition column \"{name}\" clashes with CloudQuery's internal column of the same name.", ex.Message);
    }

    [Fact]
    public void Create_TwoPartitionsOfOneName_Throws()
    {
        var ex = Assert.Throws<CqSchemaException>(() => CqTableSchema.Create("sales",
            File(new Field("amount", Int64Type.Default, true)),
            [AppendedColumn.Partition("year", 0, HiveValueType.Int32), AppendedColumn.Partition("year", 1, HiveValueType.Utf8)]));

        Assert.Equal("Table sales: partition column \"year\" clashes with the partition column of the same name.", ex.Message);
    }

    [Fact]
    public void Create_LineageNamedLikeAPartition_Throws()
    {
        var ex = Assert.Throws<CqSchemaException>(() => CqTableSchema.Create("sales",
            File(new Field("amount", Int64Type.Default, true)),
            [AppendedColumn.Partition("_source_row", 0, HiveValueType.Int64), AppendedColumn.Lineage(LineageColumn.Row)]));

        Assert.Equal("Table sales: lineage column \"_source_row\" clashes with the partition column of the same name.", ex.Message);
    }

    [Fact]
    public void Create_LineageTwice_Throws()
    {
        var ex = Assert.Throws<CqSchemaException>(() => CqTableSchema.Create("sales",
            File(new Field("amount", Int64Type.Default, true)),
            [AppendedColumn.Lineage(LineageColumn.Etag), AppendedColumn.Lineage(LineageColumn.Etag)]));

        Assert.Equal("Table sales: lineage column \"_source_etag\" clashes with the lineage column of the same name.", ex.Message);
    }

    [Fact]
    public void Create_AppendedColumnOfATypeTheBuilderCannotMake_ThrowsArgumentException()
    {
        var file = File(new Field("amount", Int64Type.Default, true));

        Assert.Throws<ArgumentException>(() => CqTableSchema.Create("t", file,
            [new AppendedColumn("p", AppendedColumnKind.Partition, FloatType.Default, 0)]));
        Assert.Throws<ArgumentException>(() => CqTableSchema.Create("t", file,
            [new AppendedColumn("p", AppendedColumnKind.Partition, Int32Type.Default)]));
        Assert.Throws<ArgumentException>(() => CqTableSchema.Create("t", file,
            [new AppendedColumn("_source_key", AppendedColumnKind.SourceKey, Int64Type.Default)]));
    }

    private static Schema File(params Field[] fields) => new(fields, null);
}
