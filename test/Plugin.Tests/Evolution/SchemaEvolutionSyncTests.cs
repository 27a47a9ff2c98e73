using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Storage;
using CqSourceS3.Plugin.Tests.Integration;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Google.Protobuf;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Evolution;

/// <summary>
/// Objects whose schemas drift (<see cref="DuckDbEvolution"/>) synced through the gRPC Sync over the local folder and
/// over the S3 test server under each <c>schema_policy</c>, with every value checked in the decoded Inserts.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class SchemaEvolutionSyncTests : IClassFixture<DuckDbEvolution>, IDisposable
{
    private readonly DuckDbEvolution _objects;
    private readonly TestCacheFolder _cache = new();
    private readonly FolderOrBucket _store;

    public SchemaEvolutionSyncTests(S3ServerFixture server, DuckDbEvolution objects, ITestOutputHelper output)
    {
        _objects = objects;
        _store = new FolderOrBucket(server, _cache.Path, output);
    }

    public static TheoryData<string> Stores => FolderOrBucket.Stores;

    public void Dispose() => _cache.Dispose();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_UnionByName_AddsWidensReordersAndKeepsDroppedColumns(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject());

        // Newest object's order (note, id), then the columns only older objects have (qty, price, meta).
        var orders = sync.Migrations.Single(m => DecodedSyncResponses.TableOf(m) == "orders");
        Assert.Equal(["_cq_id", "_cq_parent_id", "note", "id", "qty", "price", "meta"], orders.FieldsList.Select(f => f.Name));
        Assert.Equal(["utf8", "int64", "int64", "decimal(12, 4)", "struct<a: int64, b: utf8>"], orders.FieldsList.Skip(2).Select(f => TypeText(f.DataType)));
        Assert.All(orders.FieldsList.Skip(2), f => Assert.True(f.IsNullable));
        var rows = RowsById(sync, "orders");
        Assert.Equal(
            [
                "1 | null | 10 | 1.2500 | {a=1, b=null}",
                "2 | null | -2147483648 | -99999999.9900 | {a=2147483647, b=null}",
                "3 | x | 3000000000 | 3.1415 | {a=30, b=b3}",
                "4 | null | null | -0.0001 | null",
                "5 | late | null | null | null",
                "6 | later | null | null | null",
            ],
            rows);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_UnionByName_ConflictsFailTheirTablesAndTheRestSyncs(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject());

        Assert.Equal(["orders"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        var errors = sync.Errors.ToDictionary(e => e.TableName, e => e.Error, StringComparer.Ordinal);
        Assert.Equal(["cased", "conflict", "floats", "zones"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("column \"v\" is float64 in \"floats/b.parquet\" but int64 in \"floats/a.parquet\"", errors["floats"], StringComparison.Ordinal);
        Assert.Contains("column \"t\" is timestamp[us, tz=UTC] in \"zones/b.parquet\" but timestamp[us] in \"zones/a.parquet\"", errors["zones"], StringComparison.Ordinal);
        Assert.Contains("\"v\"", errors["conflict"], StringComparison.Ordinal);
        Assert.Contains("int64", errors["conflict"], StringComparison.Ordinal);
        Assert.Contains("utf8", errors["conflict"], StringComparison.Ordinal);
        Assert.Contains("conflict/a.parquet", errors["conflict"], StringComparison.Ordinal);
        Assert.Contains("conflict/b.parquet", errors["conflict"], StringComparison.Ordinal);
        Assert.Contains("\"Name\"", errors["cased"], StringComparison.Ordinal);
        Assert.Contains("\"name\"", errors["cased"], StringComparison.Ordinal);
        Assert.Contains("case", errors["cased"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_Strict_FailsATableWhoseObjectsDiffer(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject { ["schema_policy"] = "strict" });

        Assert.Empty(sync.Migrations);
        var orders = Assert.Single(sync.Errors, e => e.TableName == "orders");
        Assert.Contains("table \"orders\": schema of \"orders/2024-02.parquet\" differs from \"orders/2024-01.parquet\"", orders.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_SkipFile_ReadsOnlyObjectsWithTheNewestSchema(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject { ["schema_policy"] = "skip_file" }, ["orders"]);

        var orders = Assert.Single(sync.Migrations);
        Assert.Equal(["_cq_id", "_cq_parent_id", "note", "id"], orders.FieldsList.Select(f => f.Name));
        Assert.Equal(["5 | late", "6 | later"], RowsById(sync, "orders"));
        Assert.Empty(sync.Errors);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_EachLosslessWidening_ReadsTheOlderObjectsValuesExactlyInTheWiderType(string store)
    {
        // ParquetSharp writes an older object with the narrow column and a newer one with the wide column per case.
        using var folder = new TestCacheFolder();
        var keys = new List<string>();
        var older = DateTime.UtcNow.AddHours(-2);
        foreach (var widening in WideningCase.All)
        {
            keys.Add(Write(folder.Path, $"{widening.Table}/a.parquet", widening.Narrow, 0, older));
            keys.Add(Write(folder.Path, $"{widening.Table}/b.parquet", widening.Wide, 1000, older.AddMinutes(1)));
        }

        var (spec, _) = await _store.PrepareAsync(store, new JsonObject(), folder.Path, keys);
        await using var plugin = await _store.StartAsync(store, spec);
        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        Assert.Empty(sync.Errors);
        foreach (var widening in WideningCase.All)
        {
            var migrated = sync.Migrations.Single(m => DecodedSyncResponses.TableOf(m) == widening.Table).GetFieldByName("v");
            Assert.Equal(widening.Wide.Data.DataType.TypeId, migrated.DataType.TypeId);
            var values = sync.InsertsOf(widening.Table)
                .SelectMany(batch => Enumerable.Range(0, batch.Length).Select(row => (Id: ((Int64Array)batch.Column("id")).GetValue(row)!.Value, Value: ArrowValueFormatter.Format(batch.Column("v"), row))))
                .Where(r => r.Id < widening.Narrow.Length).OrderBy(r => r.Id).Select(r => r.Value);
            Assert.Equal(Enumerable.Range(0, widening.Expected.Length).Select(row => ArrowValueFormatter.Format(widening.Expected, row)), values);
        }
    }

    /// <summary>An object with columns id (<paramref name="firstId"/>, +1, …) and v; its LastModified set to <paramref name="lastModified"/>.</summary>
    private static string Write(string folder, string key, IArrowArray values, long firstId, DateTime lastModified)
    {
        var schema = new Schema([new Field("id", Int64Type.Default, nullable: false), new Field("v", values.Data.DataType, nullable: true)], null);
        var ids = new Int64Array.Builder().AppendRange(Enumerable.Range(0, values.Length).Select(i => firstId + i)).Build();
        // Not disposed: the value arrays belong to WideningCase.All, which every run of the theory uses.
        var batch = new RecordBatch(schema, [ids, values], values.Length);
        var path = Path.Combine(folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new ParquetFileBuilder(schema).Add(batch).WriteTo(path);
        File.SetLastWriteTimeUtc(path, lastModified);
        return key;
    }

    private async Task<DecodedSyncResponses> SyncAsync(string store, JsonObject options, string[]? tables = null)
    {
        var (spec, _) = await _store.PrepareAsync(store, options, _objects.Path, _objects.Keys);
        await using var plugin = await _store.StartAsync(store, spec);
        var request = new Sync.Types.Request { WithErrorMessages = true };
        request.Tables.AddRange(tables ?? ["*"]);
        return await DecodedSyncResponses.RunAsync(plugin.Plugin, request);
    }

    /// <summary>Each row as "id | the other columns" in table order, sorted by id; structs as {field=value, …}.</summary>
    private static List<string> RowsById(DecodedSyncResponses sync, string table) =>
        [.. sync.InsertsOf(table).SelectMany(batch => Enumerable.Range(0, batch.Length).Select(row => Row(batch, row)))
            .OrderBy(r => r.Id).Select(r => r.Text)];

    private static (long Id, string Text) Row(RecordBatch batch, int row)
    {
        var columns = batch.Schema.FieldsList.Select((f, i) => (f.Name, Column: batch.Column(i))).Where(c => c.Name is not ("_cq_id" or "_cq_parent_id")).ToList();
        var id = ((Int64Array)columns.Single(c => c.Name == "id").Column).GetValue(row)!.Value;
        var others = columns.Where(c => c.Name != "id").Select(c => Text(c.Column, row));
        return (id, string.Join(" | ", [id.ToString(System.Globalization.CultureInfo.InvariantCulture), .. others]));
    }

    private static string Text(IArrowArray column, int row) => column switch
    {
        _ when column.IsNull(row) => "null",
        StringArray strings => strings.GetString(row),
        Int64Array longs => longs.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Decimal128Array decimals => decimals.GetValue(row)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StructArray structs => "{" + string.Join(", ", ((StructType)structs.Data.DataType).Fields.Select((f, i) => $"{f.Name}={Text(structs.Fields[i], row)}")) + "}",
        _ => ArrowValueFormatter.Format(column, row),
    };

    private static string TypeText(IArrowType type) => type switch
    {
        StringType => "utf8",
        Int64Type => "int64",
        Decimal128Type d => $"decimal({d.Precision}, {d.Scale})",
        StructType s => "struct<" + string.Join(", ", s.Fields.Select(f => $"{f.Name}: {TypeText(f.DataType)}")) + ">",
        _ => type.Name,
    };
}
