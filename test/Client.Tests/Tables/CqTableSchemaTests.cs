using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class CqTableSchemaTests
{
    private static readonly KeyValuePair<string, string>[] IdMetadata =
    [
        new("cq:extension:incremental", "false"),
        new("cq:extension:primary_key", "true"),
        new("cq:extension:primary_key_component", "false"),
        new("cq:extension:type_schema", ""),
        new("cq:extension:unique", "true"),
        new("ARROW:extension:name", "uuid"),
        new("ARROW:extension:metadata", "uuid-serialized"),
    ];

    private static readonly KeyValuePair<string, string>[] DataMetadata =
    [
        new("cq:extension:incremental", "false"),
        new("cq:extension:primary_key", "false"),
        new("cq:extension:primary_key_component", "false"),
        new("cq:extension:type_schema", ""),
        new("cq:extension:unique", "false"),
    ];

    [Fact]
    public void Create_PlainFile_SchemaMetadataIsTheGoSdksForAnIncrementalTable()
    {
        var table = CqTableSchema.Create("sales_orders", File(new Field("amount", Int64Type.Default, true)));

        KeyValuePair<string, string>[] expected =
        [
            new("cq:extension:constraint_name", ""),
            new("cq:extension:incremental", "true"),
            new("cq:table_description", ""),
            new("cq:table_name", "sales_orders"),
            new("cq:table_permissions_needed", "null"),
            new("cq:table_sensitive_columns", "null"),
            new("cq:table_title", ""),
        ];
        Assert.Equal(expected, table.Schema.Metadata.ToArray());
        Assert.Equal("sales_orders", table.TableName);
    }

    [Fact]
    public void Create_PlainFile_IdColumnsComeFirstAsCloudQueryUuids()
    {
        var table = CqTableSchema.Create("t", File(new Field("amount", Int64Type.Default, true)));

        var id = table.Schema.FieldsList[0];
        var parent = table.Schema.FieldsList[1];
        Assert.Equal(("_cq_id", false, 16), (id.Name, id.IsNullable, ((FixedSizeBinaryType)id.DataType).ByteWidth));
        Assert.Equal(IdMetadata, id.Metadata.ToArray());
        Assert.Equal(("_cq_parent_id", true, 16), (parent.Name, parent.IsNullable, ((FixedSizeBinaryType)parent.DataType).ByteWidth));
        Assert.Equal(
            IdMetadata.Select(kv => kv.Key is "cq:extension:primary_key" or "cq:extension:unique" ? new(kv.Key, "false") : kv),
            parent.Metadata.ToArray());
        Assert.Equal(new CqColumnSource(CqColumnOrigin.GeneratedId, -1), table.Sources[0]);
        Assert.Equal(new CqColumnSource(CqColumnOrigin.NullParentId, -1), table.Sources[1]);
    }

    [Fact]
    public void Create_PlainFile_DataColumnsFollowWithTheirTypesNullabilityAndFalseFlags()
    {
        var table = CqTableSchema.Create("t", File(
            new Field("amount", Int64Type.Default, false),
            new Field("note", StringType.Default, true, [new("PARQUET:field_id", "7")])));

        Assert.Equal(["_cq_id", "_cq_parent_id", "amount", "note"], table.Schema.FieldsList.Select(f => f.Name));
        Assert.False(table.Schema.FieldsList[2].IsNullable);
        Assert.True(table.Schema.FieldsList[3].IsNullable);
        Assert.IsType<StringType>(table.Schema.FieldsList[3].DataType);
        Assert.Equal(DataMetadata, table.Schema.FieldsList[2].Metadata.ToArray());
        Assert.Equal(DataMetadata, table.Schema.FieldsList[3].Metadata.ToArray());
        Assert.Equal([new(CqColumnOrigin.FileColumn, 0), new CqColumnSource(CqColumnOrigin.FileColumn, 1)], table.Sources.Skip(2));
    }

    [Fact]
    public void Create_FileWrittenByCloudQuery_ReusesItsIdsAndDropsCliColumns()
    {
        var table = CqTableSchema.Create("t", File(
            new Field("_cq_source_name", StringType.Default, true),
            new Field("_cq_sync_time", new TimestampType(TimeUnit.Microsecond, "UTC"), true),
            new Field("_cq_id", StringType.Default, false),
            new Field("_cq_parent_id", StringType.Default, true),
            new Field("amount", Int64Type.Default, true)));

        Assert.Equal(["_cq_id", "_cq_parent_id", "amount"], table.Schema.FieldsList.Select(f => f.Name));
        Assert.IsType<FixedSizeBinaryType>(table.Schema.FieldsList[0].DataType);
        Assert.Equal(IdMetadata, table.Schema.FieldsList[0].Metadata.ToArray());
        Assert.Equal(
            [new(CqColumnOrigin.ReusedId, 2), new(CqColumnOrigin.ReusedParentId, 3), new CqColumnSource(CqColumnOrigin.FileColumn, 4)],
            table.Sources);
    }

    [Fact]
    public void Create_IdAsSixteenByteBinary_IsReused()
    {
        var table = CqTableSchema.Create("t", File(new Field("_cq_id", new FixedSizeBinaryType(16), false)));

        Assert.Equal(new CqColumnSource(CqColumnOrigin.ReusedId, 0), table.Sources[0]);
        Assert.Equal(2, table.Schema.FieldsList.Count);
    }

    [Theory]
    [InlineData("_cq_id")]
    [InlineData("_cq_parent_id")]
    public void Create_IdColumnOfAnotherType_ThrowsNamingTheColumn(string column)
    {
        var ex = Assert.Throws<CqSchemaException>(() =>
            CqTableSchema.Create("t", File(new Field(column, Int64Type.Default, true))));

        Assert.Equal(column, ex.ColumnName);
        Assert.Contains(column, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WrongWidthBinaryId_Throws()
    {
        Assert.Throws<CqSchemaException>(() =>
            CqTableSchema.Create("t", File(new Field("_cq_id", new FixedSizeBinaryType(8), false))));
    }

    [Fact]
    public void Create_DuplicateColumnNames_ThrowsNamingTheColumn()
    {
        var ex = Assert.Throws<CqSchemaException>(() => CqTableSchema.Create("t", File(
            new Field("a", Int64Type.Default, true),
            new Field("b", Int64Type.Default, true),
            new Field("a", StringType.Default, true))));

        Assert.Equal(("t", "a"), (ex.TableName, ex.ColumnName));
    }

    [Fact]
    public void Create_CloudQueryJsonExtensionOnBinary_IsKept()
    {
        var table = CqTableSchema.Create("t", File(new Field("doc", BinaryType.Default, true,
            [new("ARROW:extension:name", "json"), new("ARROW:extension:metadata", "json-serialized")])));

        var metadata = table.Schema.FieldsList[2].Metadata;
        Assert.Equal("json", metadata["ARROW:extension:name"]);
        Assert.Equal("json-serialized", metadata["ARROW:extension:metadata"]);
    }

    [Theory]
    [InlineData("arrow.uuid", "")]
    [InlineData("uuid", "something-else")]
    [InlineData("json", "json-serialized")]
    public void Create_ForeignOrMismatchedExtension_IsDropped(string name, string serialized)
    {
        // The third case: "json" on a utf8 column would not match the storage the CLI rebuilds it over.
        var table = CqTableSchema.Create("t", File(new Field("v", StringType.Default, true,
            [new("ARROW:extension:name", name), new("ARROW:extension:metadata", serialized)])));

        Assert.Equal(DataMetadata, table.Schema.FieldsList[2].Metadata.ToArray());
    }

    [Fact]
    public void Create_EmptyTableName_Throws()
    {
        Assert.Throws<ArgumentException>(() => CqTableSchema.Create("", File(new Field("a", Int64Type.Default, true))));
    }

    private static Schema File(params Field[] fields) => new(fields, null);
}
