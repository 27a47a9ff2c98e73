using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>Sync over a real unix socket from a local folder holding Parquet at four prefix depths.</summary>
public sealed class SyncServiceTests : IDisposable
{
    private static readonly Dictionary<string, (string Key, long FirstRow, int Rows)[]> Layout = new()
    {
        ["root"] = [("root.parquet", 0, 250)],
        ["sales"] = [("sales/part-1.parquet", 1000, 130), ("sales/part-2.parquet", 2000, 99)],
        ["sales_2024"] = [("sales/2024/a.parquet", 3000, 301)],
        ["sales_2024_eu"] = [("sales/2024/eu/b.parquet", 4000, 1)],
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-sync-").FullName;
    private readonly TestCacheFolder _cache = new();

    public SyncServiceTests()
    {
        foreach (var (key, firstRow, rows) in Layout.Values.SelectMany(f => f))
        {
            using var batch = SampleBatches.AllTypes(firstRow, rows);
            WriteParquet(key, new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 100 }.Add(batch));
        }

        File.WriteAllText(Path.Combine(_folder, "sales", "README.txt"), "not parquet");
    }

    [Fact]
    public async Task Sync_AllTables_MigratesFirstThenOneBatchPerInsertWithEveryRow()
    {
        await using var plugin = await StartAsync(rowsPerRecord: 64);

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });

        Assert.Equal(Layout.Keys.Order(StringComparer.Ordinal), sync.Migrations.Select(DecodedSyncResponses.TableOf));
        Assert.Equal(Layout.Count, sync.Order.TakeWhile(k => k == "migrate").Count());
        Assert.All(sync.BatchesPerInsert, count => Assert.Equal(1, count));
        Assert.All(sync.Inserts, insert => Assert.InRange(insert.Length, 1, 64));
        foreach (var (table, files) in Layout)
        {
            var migration = sync.Migrations.Single(m => DecodedSyncResponses.TableOf(m) == table);
            var inserts = sync.InsertsOf(table).ToList();
            Assert.All(inserts, insert => AssertSameSchema(migration, insert.Schema));
            var expected = files.SelectMany(f => SampleBatches.AllTypesRows(f.FirstRow, f.Rows)).Order(StringComparer.Ordinal);
            var actual = inserts.SelectMany(ArrowValueFormatter.DataRows).Order(StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Sync_Schema_HasCqIdThenParentIdThenFileColumns()
    {
        await using var plugin = await StartAsync();

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "root" } });

        var schema = Assert.Single(sync.Migrations);
        Assert.Equal("root", schema.Metadata["cq:table_name"]);
        Assert.Equal("true", schema.Metadata["cq:extension:incremental"]);
        var id = schema.FieldsList[0];
        Assert.Equal("_cq_id", id.Name);
        Assert.False(id.IsNullable);
        Assert.Equal(16, Assert.IsType<FixedSizeBinaryType>(id.DataType).ByteWidth);
        Assert.Equal("uuid", id.Metadata["ARROW:extension:name"]);
        Assert.Equal("uuid-serialized", id.Metadata["ARROW:extension:metadata"]);
        Assert.Equal("true", id.Metadata["cq:extension:primary_key"]);
        Assert.Equal("true", id.Metadata["cq:extension:unique"]);
        Assert.Equal("_cq_parent_id", schema.FieldsList[1].Name);
        Assert.True(schema.FieldsList[1].IsNullable);
        Assert.Equal(SampleBatches.AllTypesSchema.FieldsList.Select(f => f.Name), schema.FieldsList.Skip(2).Select(f => f.Name));
        Assert.DoesNotContain(schema.FieldsList, f => f.Name is "_cq_sync_time" or "_cq_source_name");
        Assert.IsType<StringType>(schema.GetFieldByName("category").DataType);
        Assert.IsType<FloatType>(schema.GetFieldByName("ratio").DataType);
    }

    [Fact]
    public async Task Sync_CqIds_AreUniqueV4ByDefaultAndStableWhenDeterministic()
    {
        await using var plugin = await StartAsync();
        var request = new Sync.Types.Request { Tables = { "*" } };
        var deterministic = new Sync.Types.Request { Tables = { "*" }, DeterministicCqId = true };

        using var first = await DecodedSyncResponses.RunAsync(plugin.Plugin, request);
        using var second = await DecodedSyncResponses.RunAsync(plugin.Plugin, request);
        using var stable1 = await DecodedSyncResponses.RunAsync(plugin.Plugin, deterministic);
        using var stable2 = await DecodedSyncResponses.RunAsync(plugin.Plugin, deterministic);

        var total = Layout.Values.SelectMany(f => f).Sum(f => f.Rows);
        Assert.Equal(total, Ids(first).Distinct().Count());
        Assert.All(Ids(first), id => Assert.Equal('4', id[14]));
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(Ids(stable1).Order(), Ids(stable2).Order());
        Assert.Equal(total, Ids(stable1).Distinct().Count());
        Assert.All(Ids(stable1), id => Assert.Equal('5', id[14]));
    }

    [Fact]
    public async Task Sync_SchemaMismatch_FailsThatTableOnlyAndSendsAnError()
    {
        using var other = new RecordBatch(new Schema([new Field("id", StringType.Default, true)], null), [new StringArray.Builder().Append("x").Build()], 1);
        WriteParquet("sales/part-3.parquet", new ParquetFileBuilder(other.Schema).Add(other));
        await using var plugin = await StartAsync();

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        var error = Assert.Single(sync.Errors);
        Assert.Equal("sales", error.TableName);
        // int64 and utf8: a conflict under schema_policy union_by_name (the default), naming an object of each type.
        Assert.Contains("column \"id\" is utf8 in \"sales/part-3.parquet\" but int64 in \"sales/part-", error.Error, StringComparison.Ordinal);
        Assert.Contains("and no type holds both without loss", error.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(sync.Migrations, m => DecodedSyncResponses.TableOf(m) == "sales");
        Assert.Empty(sync.InsertsOf("sales"));
        Assert.Equal(250, sync.InsertsOf("root").Sum(b => b.Length));
        Assert.Contains("\"level\":\"error\"", plugin.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WithoutErrorMessages_SendsNoErrorMessage()
    {
        using var other = new RecordBatch(new Schema([new Field("id", StringType.Default, true)], null), [new StringArray.Builder().Append("x").Build()], 1);
        WriteParquet("sales/part-3.parquet", new ParquetFileBuilder(other.Schema).Add(other));
        await using var plugin = await StartAsync();

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });

        Assert.Empty(sync.Errors);
        Assert.DoesNotContain("error", sync.Order);
    }

    [Fact]
    public async Task Sync_SkipTables_WinsOverInclude()
    {
        await using var plugin = await StartAsync();

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "sales*" }, SkipTables = { "sales_2024*" } });

        Assert.Equal(["sales"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        Assert.Equal(229, sync.Inserts.Sum(b => b.Length));
    }

    [Fact]
    public async Task Sync_PatternWithNoMatch_FailsNamingThePattern()
    {
        await using var plugin = await StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "nope*" } }));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("nope*", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTables_Connected_ReturnsOneSchemaPerSelectedTable()
    {
        await using var plugin = await StartAsync();

        var tables = await plugin.Plugin.GetTablesAsync(new GetTables.Types.Request { Tables = { "*" }, SkipTables = { "root" } });

        var names = tables.Tables.Select(t => DecodedSyncResponses.TableOf(CqSourceS3.Client.Arrow.ArrowIpc.DecodeSchema(t.Memory)));
        Assert.Equal(["sales", "sales_2024", "sales_2024_eu"], names);
    }

    [Fact]
    public async Task GetTables_NoConnection_IsEmpty()
    {
        await using var plugin = await RunningPlugin.StartAsync("unix");
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = SpecFor(_folder, 500), NoConnection = true });

        var tables = await plugin.Plugin.GetTablesAsync(new GetTables.Types.Request { Tables = { "*" } });

        Assert.Empty(tables.Tables);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        _cache.Dispose();
    }

    private async Task<RunningPlugin> StartAsync(int rowsPerRecord = 500)
    {
        var plugin = await RunningPlugin.StartAsync("unix");
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = SpecFor(_folder, rowsPerRecord) });
        return plugin;
    }

    private ByteString SpecFor(string folder, int rowsPerRecord) => ByteString.CopyFromUtf8(
        new JsonObject { ["local_path"] = folder, ["rows_per_record"] = rowsPerRecord, ["footer_cache_dir"] = _cache.Path }.ToJsonString());

    private void WriteParquet(string key, ParquetFileBuilder builder)
    {
        var path = Path.Combine(_folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.WriteTo(path);
    }


    private static List<string> Ids(DecodedSyncResponses sync) =>
        [.. sync.Inserts.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => new Guid(((FixedSizeBinaryArray)b.Column(0)).GetBytes(i), bigEndian: true).ToString()))];

    private static void AssertSameSchema(Schema expected, Schema actual)
    {
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key), actual.Metadata.OrderBy(p => p.Key));
        Assert.Equal(expected.FieldsList.Count, actual.FieldsList.Count);
        for (var i = 0; i < expected.FieldsList.Count; i++)
        {
            Assert.Equal(expected.FieldsList[i].Name, actual.FieldsList[i].Name);
            Assert.Equal(expected.FieldsList[i].IsNullable, actual.FieldsList[i].IsNullable);
            Assert.Equal(expected.FieldsList[i].DataType.TypeId, actual.FieldsList[i].DataType.TypeId);
            Assert.Equal(expected.FieldsList[i].Metadata?.OrderBy(p => p.Key), actual.FieldsList[i].Metadata?.OrderBy(p => p.Key));
        }
    }
}
