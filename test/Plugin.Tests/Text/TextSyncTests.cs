using System.Text.Json.Nodes;
using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Plugin.Tests.Integration;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Text;

/// <summary>
/// CSV and JSON Lines objects, plain, gzip and Zstandard, synced through the gRPC Sync over the local folder and over
/// the S3 test server; every value is checked in the decoded Inserts against what was written.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class TextSyncTests : IClassFixture<TextFolder>, IDisposable
{
    private readonly TextFolder _folder;
    private readonly TestCacheFolder _cache = new();
    private readonly FolderOrBucket _store;

    public TextSyncTests(S3ServerFixture server, TextFolder folder, ITestOutputHelper output)
    {
        _folder = folder;
        _store = new FolderOrBucket(server, _cache.Path, output);
    }

    public static TheoryData<string> Stores => FolderOrBucket.Stores;

    public void Dispose() => _cache.Dispose();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_FiletypeCsv_ReadsPlainGzipAndZstdObjectsWithInferredTypes(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "csv", ["lineage_columns"] = new JsonArray("key", "row") });

        Assert.Empty(sync.Errors);
        Assert.Equal(["duckdb_orders", "metrics", "orders"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        var orders = sync.Migrations.Single(m => DecodedSyncResponses.TableOf(m) == "orders");
        Assert.Equal(
            [("id", ArrowTypeId.Int64), ("name", ArrowTypeId.String), ("amount", ArrowTypeId.Double), ("paid", ArrowTypeId.Boolean), ("day", ArrowTypeId.Date32), ("at", ArrowTypeId.Timestamp)],
            orders.FieldsList.Skip(2).Take(6).Select(f => (f.Name, f.DataType.TypeId)));
        var at = Assert.IsType<TimestampType>(orders.GetFieldByName("at").DataType);
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (at.Unit, at.Timezone));

        var rows = TextRows.Of(sync, "orders").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal(
            [
                (1L, "plain", (double?)1.5, (bool?)true, (DateOnly?)new DateOnly(2024, 1, 2), (DateTimeOffset?)Utc(2024, 3, 1, 10, 0, 0), "orders/part-1.csv", 0L),
                (2L, "comma, inside", 2.0, false, new DateOnly(2024, 1, 3), Utc(2024, 3, 1, 11, 30, 0), "orders/part-1.csv", 1L),
                (3L, "line\r\nbreak", null, true, null, Utc(2024, 3, 1, 10, 0, 0), "orders/part-1.csv", 2L),
                (4L, "say \"hi\"", 4.25, null, new DateOnly(2024, 1, 5), null, "orders/part-1.csv", 3L),
                (5L, "five", 5.5, false, new DateOnly(2024, 1, 6), Utc(2024, 3, 2, 0, 0, 0).AddTicks(1_234_560), "orders/part-2.csv.gz", 0L),
                (6L, null, 6.0, true, new DateOnly(2024, 1, 7), Utc(2024, 3, 2, 2, 0, 0), "orders/part-2.csv.gz", 1L),
            ],
            rows.Select(r => ((long)r["id"]!, (string?)r["name"], (double?)r["amount"], (bool?)r["paid"], (DateOnly?)r["day"], (DateTimeOffset?)r["at"], (string)r["_source_key"]!, (long)r["_source_row"]!)));

        // The leading zero of 01234 keeps zip a string; cpu is float64.
        var metrics = TextRows.Of(sync, "metrics");
        Assert.Equal([("web-1", 0.5, "01234"), ("web-2", 0.75, "98765")], metrics.Select(r => ((string)r["host"]!, (double)r["cpu"]!, (string)r["zip"]!)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_CsvWrittenByDuckDb_EveryValueAsDuckDbWroteIt(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "csv", ["include"] = new JsonArray("duckdb/**") });

        Assert.Empty(sync.Errors);
        var rows = TextRows.Of(sync, "duckdb_orders").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal(
            Enumerable.Range(1, 40).Select(i => TextFolder.DuckDbRow(i)),
            rows.Select(r => ((long)r["id"]!, (string?)r["name"], (double)r["amount"]!, (bool)r["paid"]!, (DateOnly)r["day"]!, (DateTimeOffset)r["seen_at"]!)));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_FiletypeJsonl_NestedValuesAsJsonAndLateKeysInExtra(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "jsonl", ["jsonl"] = new JsonObject { ["infer_rows"] = 2 } });

        Assert.Empty(sync.Errors);
        Assert.Equal(["duckdb_events", "logs"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        var logs = sync.Migrations.Single(m => DecodedSyncResponses.TableOf(m) == "logs");
        var ctx = logs.GetFieldByName("ctx");
        Assert.Equal(ArrowTypeId.Binary, ctx.DataType.TypeId);
        Assert.Equal("json", ctx.Metadata["ARROW:extension:name"]);
        Assert.Equal("json-serialized", ctx.Metadata["ARROW:extension:metadata"]);
        Assert.Equal("json", logs.GetFieldByName("_extra").Metadata["ARROW:extension:name"]);

        var rows = TextRows.Of(sync, "logs").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal(
            [
                (1L, "info", "{\"user\":\"ann\",\"n\":[1,2]}", Utc(2024, 3, 1, 10, 0, 0), (string?)null, (bool?)null),
                (2L, "warn", null, Utc(2024, 3, 1, 10, 0, 1), null, null),
                (3L, "error", "[\"x\"]", Utc(2024, 3, 1, 10, 0, 2), "{\"trace\":\"abc\"}", null),
                (4L, "info", "{\"user\":\"bob\"}", Utc(2024, 3, 1, 10, 0, 3), null, true),
            ],
            rows.Select(r => ((long)r["id"]!, (string)r["level"]!, (string?)r["ctx"], (DateTimeOffset)r["at"]!, (string?)r["_extra"], (bool?)r["extra_key"])));

        var events = TextRows.Of(sync, "duckdb_events").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal(40, events.Count);
        Assert.All(events, r =>
        {
            var (id, name, amount, paid, day, seenAt) = TextFolder.DuckDbRow((long)r["id"]!);
            Assert.Equal((name, amount, paid, day, seenAt), ((string?)r["name"], (double)r["amount"]!, (bool)r["paid"]!, (DateOnly)r["day"]!, (DateTimeOffset)r["seen_at"]!));
            var detail = JsonNode.Parse((string)r["detail"]!)!;
            Assert.Equal((id, name, "x"), ((long)detail["n"]!, (string?)detail["tags"]![0], (string)detail["tags"]![1]!));
        });
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_FiletypeAuto_ReadsEachObjectByItsExtension(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject { ["filetype"] = "auto" });

        Assert.Empty(sync.Errors);
        Assert.Equal(["duckdb_events", "duckdb_orders", "logs", "metrics", "orders", "parquet"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        Assert.Equal(5, sync.InsertsOf("parquet").Sum(b => b.Length));
        Assert.Equal(6, sync.InsertsOf("orders").Sum(b => b.Length));
        Assert.Equal(4, sync.InsertsOf("logs").Sum(b => b.Length));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_DefaultFiletype_ReadsOnlyParquet(string store)
    {
        using var sync = await SyncAsync(store, new JsonObject());

        Assert.Empty(sync.Errors);
        Assert.Equal(["parquet"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
    }

    private async Task<DecodedSyncResponses> SyncAsync(string store, JsonObject options)
    {
        var (spec, _) = await _store.PrepareAsync(store, options, _folder.Path, _folder.Keys);
        await using var plugin = await _store.StartAsync(store, spec);
        return await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second) => new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
