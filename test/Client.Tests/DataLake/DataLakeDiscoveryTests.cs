using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Client.Tests.DataLake;

/// <summary>
/// Discovery of hive-partitioned layouts and the key selection options: which tables are found, which columns they
/// get, which objects are ignored and why, and the errors a table fails with (each naming the objects and columns).
/// </summary>
public sealed class DataLakeDiscoveryTests
{
    private static readonly Field[] IdAndName = [Required("id", Int64Type.Default), Nullable("name", StringType.Default)];
    private readonly InMemoryObjectStore _store = new("memory://bucket");

    [Fact]
    public async Task DiscoverAsync_PartitionFolders_NameTheTableBeforeThemAndAppendUtf8Columns()
    {
        Put("sales/year=2023/month=1/data_0.parquet");
        Put("sales/year=2023/month=12/data_0.parquet");
        Put("sales/year=2024/month=05/data_0.parquet");
        Put("events/dt=2024-01-01/part-0.parquet");

        var result = await DiscoverAsync(new SourceSpec());

        Assert.Equal(["events", "sales"], result.Tables.Select(t => t.Name));
        Assert.All(result.Tables, t => Assert.Null(t.Error));
        var sales = result.Tables.Single(t => t.Name == "sales");
        Assert.Equal(["_cq_id", "_cq_parent_id", "id", "name", "year", "month"], sales.Table!.Schema.FieldsList.Select(f => f.Name));
        Assert.All(sales.Table.Schema.FieldsList.Skip(4), f => Assert.Equal((ArrowTypeId.String, true), (f.DataType.TypeId, f.IsNullable)));
        Assert.Equal(["2024", "05"], sales.Partitions.ValuesOf("sales/year=2024/month=05/data_0.parquet"));
    }

    [Fact]
    public async Task DiscoverAsync_HivePartitioningFalse_NamesTablesFromWholeFoldersAsBefore()
    {
        Put("sales/year=2023/month=1/data_0.parquet");
        Put("sales/year=2024/month=3/data_0.parquet");

        var result = await DiscoverAsync(new SourceSpec { HivePartitioning = "false" });

        Assert.Equal(["sales_year_2023_month_1", "sales_year_2024_month_3"], result.Tables.Select(t => t.Name));
        Assert.All(result.Tables, t => Assert.Equal(["_cq_id", "_cq_parent_id", "id", "name"], t.Table!.Schema.FieldsList.Select(f => f.Name)));
    }

    [Fact]
    public async Task DiscoverAsync_ObjectsWithOtherPartitionNames_FailTheTableNamingTwoObjects()
    {
        Put("sales/year=2023/month=1/a.parquet");
        Put("sales/year=2023/day=1/b.parquet");
        Put("other/x.parquet");

        var result = await DiscoverAsync(new SourceSpec());

        var sales = result.Tables.Single(t => t.Name == "sales");
        Assert.Null(sales.Table);
        Assert.Contains("\"sales/year=2023/day=1/b.parquet\" (year, day)", sales.Error, StringComparison.Ordinal);
        Assert.Contains("\"sales/year=2023/month=1/a.parquet\" (year, month)", sales.Error, StringComparison.Ordinal);
        Assert.Null(result.Tables.Single(t => t.Name == "other").Error);
    }

    [Fact]
    public async Task DiscoverAsync_ObjectWithoutPartitionsUnderAuto_FailsTheTable()
    {
        Put("sales/year=2023/a.parquet");
        Put("sales/b.parquet");

        var result = await DiscoverAsync(new SourceSpec());

        var sales = Assert.Single(result.Tables);
        Assert.Contains("\"sales/b.parquet\" (none)", sales.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_ObjectWithoutPartitionsUnderTrue_IsReadWithNullPartitions()
    {
        Put("sales/year=2023/a.parquet");
        Put("sales/b.parquet");

        var result = await DiscoverAsync(new SourceSpec { HivePartitioning = "true" });

        var sales = Assert.Single(result.Tables);
        Assert.Null(sales.Error);
        Assert.Equal(["year"], sales.Partitions.Names);
        Assert.Equal([null], sales.Partitions.ValuesOf("sales/b.parquet"));
        Assert.Equal(["2023"], sales.Partitions.ValuesOf("sales/year=2023/a.parquet"));
    }

    [Fact]
    public async Task DiscoverAsync_PartitionNamedLikeAFileColumn_FailsTheTableNamingTheColumn()
    {
        Put("sales/name=x/a.parquet");

        var result = await DiscoverAsync(new SourceSpec());

        var sales = Assert.Single(result.Tables);
        Assert.Null(sales.Table);
        Assert.Contains("name", sales.Error, StringComparison.Ordinal);
        Assert.Contains("clashes", sales.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_PartitionNamedTwiceInAKey_FailsTheTable()
    {
        Put("sales/year=2023/year=2024/a.parquet");

        var result = await DiscoverAsync(new SourceSpec());

        Assert.Contains("names a partition column twice (year, year)", Assert.Single(result.Tables).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_HiveTypes_TypeTheColumnsAndDecodeTheValues()
    {
        Put("t/n=7/d=2024-02-29/ok=true/city=S%C3%A3o%20Paulo/e=/f=__HIVE_DEFAULT_PARTITION__/a.parquet");
        var spec = new SourceSpec
        {
            HiveTypes = new Dictionary<string, string> { ["n"] = "int64", ["d"] = "date32", ["ok"] = "bool", ["f"] = "int32" },
        };

        var table = Assert.Single((await DiscoverAsync(spec)).Tables);

        Assert.Null(table.Error);
        var fields = table.Table!.Schema.FieldsList.Skip(4).ToList();
        Assert.Equal(
            [("n", ArrowTypeId.Int64), ("d", ArrowTypeId.Date32), ("ok", ArrowTypeId.Boolean), ("city", ArrowTypeId.String), ("e", ArrowTypeId.String), ("f", ArrowTypeId.Int32)],
            fields.Select(f => (f.Name, f.DataType.TypeId)));
        Assert.Equal([7L, new DateOnly(2024, 2, 29), true, "São Paulo", null, null], table.Partitions.ValuesOf(table.Files[0].StoredObject.Key));
    }

    [Fact]
    public async Task DiscoverAsync_ValueNotOfItsHiveType_FailsTheTableNamingKeyAndColumn()
    {
        Put("sales/month=1/a.parquet");
        Put("sales/month=x1/b.parquet");

        var result = await DiscoverAsync(new SourceSpec { HiveTypes = new Dictionary<string, string> { ["month"] = "int32" } });

        var error = Assert.Single(result.Tables).Error;
        Assert.Contains("sales/month=x1/b.parquet", error, StringComparison.Ordinal);
        Assert.Contains("\"month\"", error, StringComparison.Ordinal);
        Assert.Contains("x1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_HiddenAndTemporaryObjects_AreIgnoredAndCountedByReason()
    {
        Put("sales/year=2023/a.parquet");
        Put("sales/_temporary/0/task/part-0.parquet");
        Put("sales/.hidden.parquet");
        Put("sales/year=2023/b.parquet._COPYING_");
        _store.Put("sales/_SUCCESS", []);
        _store.Put("sales/readme.txt", [1]);

        var result = await DiscoverAsync(new SourceSpec());

        var sales = Assert.Single(result.Tables);
        Assert.Equal(["sales/year=2023/a.parquet"], sales.Files.Select(f => f.StoredObject.Key));
        Assert.Equal(new IgnoredObjects(OtherFileType: 1, Hidden: 4, Excluded: 0), result.Ignored);
        Assert.All(_store.Reads, r => Assert.Equal("sales/year=2023/a.parquet", r.Key));
    }

    [Fact]
    public async Task DiscoverAsync_IgnoreHiddenFalse_ReadsUnderscoreFoldersAsTables()
    {
        Put("sales/_temporary/part-0.parquet");

        var result = await DiscoverAsync(new SourceSpec { IgnoreHidden = false });

        Assert.Equal(["sales_temporary"], result.Tables.Select(t => t.Name));
    }

    [Fact]
    public async Task DiscoverAsync_IncludeAndExclude_SelectKeysExcludeWinningAndListUnderTheSharedPrefix()
    {
        Put("logs/2024/a.parquet");
        Put("logs/2024/b.parquet");
        Put("logs/2025/c.parquet");
        Put("metrics/x.parquet");

        var result = await DiscoverAsync(new SourceSpec { Include = ["logs/202?/*.parquet"], Exclude = ["**/b.parquet"] });

        Assert.Equal(["logs/2024/a.parquet", "logs/2025/c.parquet"], result.Tables.SelectMany(t => t.Files).Select(f => f.StoredObject.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["logs/202"], _store.Listings);
        Assert.Equal(new IgnoredObjects(0, 0, Excluded: 1), result.Ignored);
    }

    [Fact]
    public async Task DiscoverAsync_IncludeWithinPathPrefix_ListsUnderTheLongerOfTheTwo()
    {
        Put("logs/2024/a.parquet");

        await DiscoverAsync(new SourceSpec { PathPrefix = "logs/", Include = ["logs/2024/**", "logs/2025/**"] });
        await DiscoverAsync(new SourceSpec { PathPrefix = "logs/2024/", Include = ["logs/**"] });
        await DiscoverAsync(new SourceSpec { PathPrefix = "logs/", Include = ["{logs,metrics}/**"] });

        Assert.Equal(["logs/202", "logs/2024/", "logs/"], _store.Listings);
    }

    [Fact]
    public async Task DiscoverAsync_TableRules_NameAndMergeTablesBeforeTheDefaultNaming()
    {
        Put("logs/app-1/dt=2024-01-01/a.parquet");
        Put("logs/app-2/dt=2024-01-02/b.parquet");
        Put("logs/db/c.parquet");
        var spec = new SourceSpec { TableRules = [new TableRuleSpec("logs/app-*/**", "app_logs")] };

        var result = await DiscoverAsync(spec);

        Assert.Equal(["app_logs", "logs_db"], result.Tables.Select(t => t.Name));
        var app = result.Tables[0];
        Assert.Equal(2, app.Files.Count);
        Assert.Equal(["dt"], app.Partitions.Names);
    }

    private void Put(string key) => _store.Put(key, Bytes(3, IdAndName));

    private Task<DiscoveryResult> DiscoverAsync(SourceSpec spec) =>
        new TableDiscovery(_store, ParquetReadOptions.Default, concurrency: 4, NullLogger.Instance, rules: DiscoveryRules.For(spec))
            .DiscoverAsync(spec.PathPrefix, CancellationToken.None);
}
