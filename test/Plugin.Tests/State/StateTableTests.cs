using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Plugin.State;

namespace CqSourceS3.Plugin.Tests.State;

public sealed class StateTableTests
{
    [Fact]
    public void Schema_AfterIpcRoundTrip_CarriesTheGoSdkTableAndColumnMetadata()
    {
        var schema = ArrowIpc.DecodeSchema(ArrowIpc.EncodeSchema(StateTable.Schema("cq_state_s3")));

        Assert.Equal(
            [
                new("cq:extension:constraint_name", ""),
                new("cq:table_description", ""),
                new("cq:table_name", "cq_state_s3"),
                new("cq:table_permissions_needed", "null"),
                new("cq:table_sensitive_columns", "null"),
                new("cq:table_title", ""),
            ],
            schema.Metadata.ToArray());
        Assert.Equal(["key", "value", "version"], schema.FieldsList.Select(f => f.Name));
        Assert.Equal([ArrowTypeId.String, ArrowTypeId.String, ArrowTypeId.UInt64], schema.FieldsList.Select(f => f.DataType.TypeId));
        Assert.All(schema.FieldsList, f => Assert.True(f.IsNullable));
        Assert.Equal(["true", "false", "false"], schema.FieldsList.Select(f => f.Metadata["cq:extension:primary_key"]));
        Assert.All(schema.FieldsList, f =>
        {
            Assert.Equal("false", f.Metadata["cq:extension:unique"]);
            Assert.Equal("false", f.Metadata["cq:extension:incremental"]);
            Assert.Equal("false", f.Metadata["cq:extension:primary_key_component"]);
            Assert.Equal("", f.Metadata["cq:extension:type_schema"]);
        });
    }

    [Fact]
    public void Merge_RowsOfDifferentVersions_KeepsHighestAndLaterOfEqual()
    {
        var schema = StateTable.Schema("t");
        var entries = new Dictionary<string, StateEntry>();
        using var first = Rows(schema, ("a", "a2", 2), ("b", "b1", 1));
        using var second = Rows(schema, ("a", "a1", 1), ("b", "b1-again", 1), ("c", "c0", 0));

        StateTable.Merge(first, entries);
        StateTable.Merge(second, entries);

        Assert.Equal(new StateEntry("a2", 2), entries["a"]);
        Assert.Equal(new StateEntry("b1-again", 1), entries["b"]);
        Assert.Equal(new StateEntry("c0", 0), entries["c"]);
    }

    [Fact]
    public void Merge_NullCellsAndNoVersionColumn_ReadAsEmptyAndZero()
    {
        var schema = new Schema([new Field("key", StringType.Default, true), new Field("value", StringType.Default, true)], []);
        var keys = new StringArray.Builder().Append("k").Append("old").Build();
        var values = new StringArray.Builder().AppendNull().Append("v").Build();
        using var batch = new RecordBatch(schema, [keys, values], 2);
        var entries = new Dictionary<string, StateEntry> { ["old"] = new("newer", 4) };

        StateTable.Merge(batch, entries);

        Assert.Equal(new StateEntry("", 0), entries["k"]);
        Assert.Equal(new StateEntry("newer", 4), entries["old"]);
    }

    [Fact]
    public void Merge_VersionColumnNotUInt64_ThrowsNamingTheColumn()
    {
        var schema = new Schema(
            [new Field("key", StringType.Default, true), new Field("value", StringType.Default, true), new Field("version", Int64Type.Default, true)], []);
        using var batch = new RecordBatch(schema,
            [new StringArray.Builder().Append("k").Build(), new StringArray.Builder().Append("v").Build(), new Int64Array.Builder().Append(1).Build()], 1);

        var error = Assert.Throws<InvalidDataException>(() => StateTable.Merge(batch, []));

        Assert.Equal("state column 2 ('version') is int64; expected uint64", error.Message);
    }

    [Fact]
    public void Rows_EncodedAndDecoded_MergeBackToTheSameEntries()
    {
        var schema = StateTable.Schema("t");
        using var batch = Rows(schema, ("x", "1", 9), ("y", "", 1));
        var decoded = ArrowIpc.DecodeBatches(ArrowIpc.EncodeBatch(batch));
        var entries = new Dictionary<string, StateEntry>();

        foreach (var b in decoded)
        {
            using (b)
            {
                StateTable.Merge(b, entries);
            }
        }

        Assert.Equal("t", decoded.Single().Schema.Metadata["cq:table_name"]);
        Assert.Equal(new Dictionary<string, StateEntry> { ["x"] = new("1", 9), ["y"] = new("", 1) }, entries);
    }

    private static RecordBatch Rows(Schema schema, params (string Key, string Value, ulong Version)[] rows) =>
        StateTable.Rows(schema, [.. rows.Select(r => KeyValuePair.Create(r.Key, new StateEntry(r.Value, r.Version)))]);
}
