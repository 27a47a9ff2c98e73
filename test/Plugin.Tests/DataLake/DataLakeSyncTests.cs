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
using Grpc.Core;
using Xunit.Abstractions;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Plugin.Tests.DataLake;

/// <summary>
/// A real data lake (<see cref="LakeFolder"/>: DuckDB's and ParquetSharp's hive-partitioned tables beside Spark's
/// marker, temporary and checksum objects) synced through the gRPC Sync over the local folder and over the S3 test
/// server, with typed partitions and every lineage column; each value is checked row by row in the decoded Inserts.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class DataLakeSyncTests : IClassFixture<LakeFolder>, IDisposable
{
    private readonly LakeFolder _lake;
    private static readonly string[] LineageNames = ["_source_key", "_source_last_modified", "_source_etag", "_source_version_id", "_source_row"];

    private readonly TestCacheFolder _cache = new();
    private readonly FolderOrBucket _store;

    public DataLakeSyncTests(S3ServerFixture server, LakeFolder lake, ITestOutputHelper output)
    {
        _lake = lake;
        _store = new FolderOrBucket(server, _cache.Path, output);
    }

    public static TheoryData<string> Stores => FolderOrBucket.Stores;

    public void Dispose() => _cache.Dispose();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_HiveLake_OneTablePerPartitionedFolderWithTypedPartitionAndLineageColumns(string store)
    {
        var (spec, listing) = await PrepareAsync(store, new JsonObject
        {
            ["hive_types"] = new JsonObject { ["year"] = "int32", ["month"] = "int32" },
            ["lineage_columns"] = new JsonArray("key", "last_modified", "etag", "version_id", "row"),
        });
        await using var plugin = await _store.StartAsync(store, spec);

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        Assert.Empty(sync.Errors);
        Assert.Equal(["clicks", "events", "sales"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        var sales = sync.Migrations.Single(m => DecodedSyncResponses.TableOf(m) == "sales");
        Assert.Equal(["_cq_id", "_cq_parent_id", "id", "amount", "year", "month", .. LineageNames], sales.FieldsList.Select(f => f.Name));
        Assert.Equal([ArrowTypeId.Int32, ArrowTypeId.Int32], sales.FieldsList.Skip(4).Take(2).Select(f => f.DataType.TypeId));
        Assert.All(sales.FieldsList.Skip(4), f => Assert.True(f.IsNullable));
        var lastModified = Assert.IsType<TimestampType>(sales.GetFieldByName("_source_last_modified").DataType);
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (lastModified.Unit, lastModified.Timezone));
        Assert.Equal(ArrowTypeId.Int64, sales.GetFieldByName("_source_row").DataType.TypeId);

        var saleRows = DecodedRows.Of(sync, "sales").ToList();
        Assert.Equal(60, saleRows.Count);
        Assert.Equal(Enumerable.Range(0, 15).SelectMany(m => Enumerable.Range(m * 10, 4)).Select(i => (long)i), saleRows.Select(r => (long)r["id"]!).Order());
        foreach (var row in saleRows)
        {
            var (year, month, amount) = DuckDbLake.Sale((long)row["id"]!);
            var key = $"sales/year={year}/month={month}/data_0.parquet";
            Assert.Equal((amount, year, month, key), ((double)row["amount"]!, (int)row["year"]!, (int)row["month"]!, (string)row["_source_key"]!));
            AssertLineage(row, listing[key]);
            Assert.Equal((long)row["id"]! % 10, row["_source_row"]);
        }

        var events = DecodedRows.Of(sync, "events").Select(r => ((long)r["id"]!, (string)r["name"]!, (string?)r["dt"], (string?)r["city"])).Order().ToList();
        Assert.Equal(
            [(1L, "a", "2024-01-01", "São Paulo"), (2L, "b", "2024-01-01", "Berlin"), (3L, "c", "2024-01-02", "São Paulo"), (4L, "d", "2024-01-02", null)],
            events);

        var clicks = DecodedRows.Of(sync, "clicks").ToList();
        Assert.Equal(75, clicks.Count);
        foreach (var (key, (firstRow, count)) in LakeFolder.Clicks)
        {
            var ofKey = clicks.Where(r => (string)r["_source_key"]! == key).OrderBy(r => (long)r["_source_row"]!).ToList();
            Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), ofKey.Select(r => (long)r["_source_row"]!));
            Assert.Equal(Enumerable.Range(0, count).Select(i => firstRow + i), ofKey.Select(r => (long)r["id"]!));
            Assert.All(ofKey, r => Assert.Equal((key.Split('/')[1][7..], key.Split('/')[2][3..]), ((string)r["region"]!, (string)r["dt"]!)));
            Assert.All(ofKey, r => AssertLineage(r, listing[key]));
        }

        Assert.DoesNotContain(_store.Traffic.Reads, read => LakeFolder.HiddenKeys.Contains(read.Key));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_IncludeAndExclude_ReadsOnlyMatchingKeysAndListsUnderTheirSharedPrefix(string store)
    {
        var (spec, _) = await PrepareAsync(store, new JsonObject
        {
            ["include"] = new JsonArray("sales/year=2023/**", "sales/year=2024/month={1,2}/*.parquet"),
            ["exclude"] = new JsonArray("**/month=1?/*"),
        });
        await using var plugin = await _store.StartAsync(store, spec);

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        Assert.Empty(sync.Errors);
        Assert.Equal(["sales"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        var months = DecodedRows.Of(sync, "sales").Select(r => ((string)r["year"]!, (string)r["month"]!)).Distinct().Order().ToList();
        Assert.Equal(
            [.. Enumerable.Range(1, 9).Select(m => ("2023", m.ToString(System.Globalization.CultureInfo.InvariantCulture))), ("2024", "1"), ("2024", "2")],
            months.OrderBy(m => m.Item1).ThenBy(m => int.Parse(m.Item2, System.Globalization.CultureInfo.InvariantCulture)));
        if (store == "s3")
        {
            Assert.NotEmpty(_store.Traffic.Listings);
            Assert.All(_store.Traffic.Listings, prefix => Assert.Equal("sales/year=202", prefix));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_TableRules_MergeTwoPrefixesIntoOneNamedTable(string store)
    {
        var (spec, _) = await PrepareAsync(store, new JsonObject
        {
            ["include"] = new JsonArray("clicks/**"),
            ["hive_partitioning"] = false,
            ["table_rules"] = new JsonArray(
                new JsonObject { ["match"] = "clicks/region=eu/**", ["name"] = "clicks_all" },
                new JsonObject { ["match"] = "clicks/region=us/**", ["name"] = "clicks_all" }),
        });
        await using var plugin = await _store.StartAsync(store, spec);

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        Assert.Empty(sync.Errors);
        Assert.Equal(["clicks_all"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        Assert.Equal(
            SampleBatches.AllTypesRowsSorted([.. LakeFolder.Clicks.Values]),
            sync.InsertsOf("clicks_all").SelectMany(ArrowValueFormatter.DataRows).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sync_BrokenPartitionLayouts_FailTheirTablesWithClearErrorsAndTheRestSyncs(string store)
    {
        // mixed: two objects with different partition names; clash: a partition named like a file column;
        // typed: a value that is not an int32; good: beside them, untouched.
        using var folder = new TestCacheFolder();
        var file = Bytes(3, Nullable("id", Int64Type.Default), Nullable("name", StringType.Default));
        string[] keys = ["clash/id=7/part-0.parquet", "good/dt=2024-01-01/part-0.parquet", "mixed/month=1/part-0.parquet",
            "mixed/year=2024/part-0.parquet", "typed/n=12/part-0.parquet", "typed/n=twelve/part-0.parquet"];
        foreach (var key in keys)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder.Path, key))!);
            await File.WriteAllBytesAsync(Path.Combine(folder.Path, key), file);
        }

        var (spec, _) = await _store.PrepareAsync(store, new JsonObject { ["hive_types"] = new JsonObject { ["n"] = "int32" } }, folder.Path, keys);
        await using var plugin = await _store.StartAsync(store, spec);

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        Assert.Equal(["good"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        Assert.Equal(3, sync.InsertsOf("good").Sum(b => b.Length));
        var errors = sync.Errors.ToDictionary(e => e.TableName, e => e.Error, StringComparer.Ordinal);
        Assert.Equal(["clash", "mixed", "typed"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("partition column \"id\" clashes with a column of the file", errors["clash"], StringComparison.Ordinal);
        Assert.Contains("mixed/month=1/part-0.parquet", errors["mixed"], StringComparison.Ordinal);
        Assert.Contains("mixed/year=2024/part-0.parquet", errors["mixed"], StringComparison.Ordinal);
        Assert.Contains("typed/n=twelve/part-0.parquet", errors["typed"], StringComparison.Ordinal);
        Assert.Contains("\"n\"", errors["typed"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Init_InvalidTableRuleName_FailsNamingTheField(string store)
    {
        var (spec, _) = await PrepareAsync(store, new JsonObject
        {
            ["table_rules"] = new JsonArray(new JsonObject { ["match"] = "clicks/**", ["name"] = "click-stream" }),
        });
        await using var plugin = await _store.StartUninitializedAsync(store);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = spec }));

        // Internal, as the Go SDK answers any Init failure; the detail names the field.
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("failed to init plugin: invalid spec: table_rules[0].name", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("click-stream", error.Status.Detail, StringComparison.Ordinal);
    }

    private static void AssertLineage(IReadOnlyDictionary<string, object?> row, StoredObject listed)
    {
        Assert.Equal(listed.LastModified.ToUnixTimeMilliseconds(), ((DateTimeOffset)row["_source_last_modified"]!).ToUnixTimeMilliseconds());
        Assert.Equal(listed.ETag, row["_source_etag"]);
        Assert.Null(row["_source_version_id"]);
    }

    /// <summary>The lake's objects on <paramref name="store"/>, and the spec with <paramref name="options"/>.</summary>
    private Task<(ByteString Spec, Dictionary<string, StoredObject> Listing)> PrepareAsync(string store, JsonObject options) =>
        _store.PrepareAsync(store, options, _lake.Path, _lake.Keys);
}
