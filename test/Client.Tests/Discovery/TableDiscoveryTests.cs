using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using ParquetSharp;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Client.Tests.Discovery;

public sealed class TableDiscoveryTests
{
    private static readonly Field[] IdAndName = [Required("id", Int64Type.Default), Nullable("name", StringType.Default)];
    private readonly InMemoryObjectStore _store = new("memory://bucket");

    [Fact]
    public async Task DiscoverAsync_KeysAtSeveralDepths_GroupsThemIntoOneTablePerFolder()
    {
        _store.Put("root.parquet", Bytes(1, IdAndName));
        _store.Put("sales/b.parquet", Bytes(20, IdAndName));
        _store.Put("sales/a.parquet", Bytes(10, IdAndName));
        _store.Put("sales/2024/c.parquet", Bytes(3, IdAndName));
        _store.Put("sales/2024/eu/d.parquet", Bytes(4, IdAndName));

        var result = await DiscoverAsync();

        Assert.Equal(["root", "sales", "sales_2024", "sales_2024_eu"], result.Tables.Select(t => t.Name));
        Assert.All(result.Tables, t => Assert.Null(t.Error));
        var sales = result.Tables.Single(t => t.Name == "sales");
        Assert.Equal(["sales/a.parquet", "sales/b.parquet"], sales.Files.Select(f => f.StoredObject.Key));
        Assert.Equal(30, sales.Rows);
        Assert.Equal("sales", sales.Table!.TableName);
        Assert.Equal(["_cq_id", "_cq_parent_id", "id", "name"], sales.Table.Schema.FieldsList.Select(f => f.Name));
        Assert.Empty(result.Skipped);
        Assert.Equal(0, result.Ignored.Total);
    }

    [Fact]
    public async Task DiscoverAsync_NonParquetObjects_AreIgnoredAndCounted()
    {
        _store.Put("t/data.parquet", Bytes(2, IdAndName));
        _store.Put("t/README.txt", "hello"u8.ToArray());
        _store.Put("t/data.parquet.crc", [1, 2, 3]);
        _store.Put("t/", []);
        _store.Put("t/.parquet", Bytes(2, IdAndName));

        var result = await DiscoverAsync();

        var table = Assert.Single(result.Tables);
        Assert.Equal("t", table.Name);
        Assert.Equal(["t/data.parquet"], table.Files.Select(f => f.StoredObject.Key));
        Assert.Equal(4, result.Ignored.Total);
        Assert.Empty(result.Skipped);
        Assert.DoesNotContain(_store.Reads, r => r.Key != "t/data.parquet");
    }

    public static TheoryData<string, Field[], string> Mismatches => new()
    {
        { "missing column", [Required("id", Int64Type.Default)], "column \"name\" (utf8) is missing" },
        { "extra column", [.. IdAndName, Nullable("score", DoubleType.Default)], "column \"score\" (float64) is extra" },
        { "different type", [Required("id", Int32Type.Default), Nullable("name", StringType.Default)], "column \"id\" is int64 vs int32" },
        { "different order", [Nullable("name", StringType.Default), Required("id", Int64Type.Default)], "columns are in a different order (id, name vs name, id)" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task DiscoverAsync_StrictAndFilesDisagreeOnSchema_FailsTheTableNamingBothFilesAndTheDifference(string scenario, Field[] otherColumns, string difference)
    {
        _store.Put("orders/part-1.parquet", Bytes(5, IdAndName));
        _store.Put("orders/part-2.parquet", Bytes(5, otherColumns));
        _store.Put("customers/all.parquet", Bytes(5, IdAndName));

        var result = await DiscoverAsync(DiscoveryRules.Default with { SchemaPolicy = SchemaPolicies.Strict });

        var orders = result.Tables.Single(t => t.Name == "orders");
        Assert.NotNull(orders.Error);
        Assert.Null(orders.Table);
        Assert.StartsWith("table \"orders\": ", orders.Error, StringComparison.Ordinal);
        Assert.Contains("\"orders/part-1.parquet\"", orders.Error, StringComparison.Ordinal);
        Assert.Contains("\"orders/part-2.parquet\"", orders.Error, StringComparison.Ordinal);
        Assert.True(orders.Error.Contains(difference, StringComparison.Ordinal), $"{scenario}: {orders.Error}");
        var customers = result.Tables.Single(t => t.Name == "customers");
        Assert.Null(customers.Error);
        Assert.NotNull(customers.Table);
    }

    [Fact]
    public async Task DiscoverAsync_FilesDifferOnlyInNullability_MergesWithNullableWinning()
    {
        _store.Put("t/a.parquet", Bytes(3, Required("id", Int64Type.Default), Nullable("name", StringType.Default)));
        _store.Put("t/b.parquet", Bytes(3, Nullable("id", Int64Type.Default), Required("name", StringType.Default)));
        _store.Put("t/c.parquet", Bytes(3, Required("id", Int64Type.Default), Required("name", StringType.Default)));

        var result = await DiscoverAsync();

        var table = Assert.Single(result.Tables);
        Assert.Null(table.Error);
        Assert.Equal(3, table.Files.Count);
        Assert.True(table.Table!.Schema.GetFieldByName("id").IsNullable);
        Assert.True(table.Table.Schema.GetFieldByName("name").IsNullable);
        Assert.False(table.Files[0].Schema.GetFieldByName("id").IsNullable);
    }

    [Fact]
    public async Task DiscoverAsync_FoldersNormalizingToOneName_FailsThatTableOnly()
    {
        _store.Put("a-b/x.parquet", Bytes(1, IdAndName));
        _store.Put("a_b/y.parquet", Bytes(1, IdAndName));
        _store.Put("c/z.parquet", Bytes(1, IdAndName));

        var result = await DiscoverAsync();

        Assert.Equal(["a_b", "c"], result.Tables.Select(t => t.Name));
        var collision = result.Tables[0];
        Assert.Null(collision.Table);
        Assert.Empty(collision.Files);
        Assert.Contains("\"a-b/\"", collision.Error, StringComparison.Ordinal);
        Assert.Contains("\"a_b/\"", collision.Error, StringComparison.Ordinal);
        Assert.Contains("normalize to the same name", collision.Error, StringComparison.Ordinal);
        Assert.Null(result.Tables[1].Error);
        Assert.NotNull(result.Tables[1].Table);
    }

    [Fact]
    public async Task DiscoverAsync_UnreadableObjects_AreSkippedWithAReasonAndTheTableKeepsTheRest()
    {
        var good = Bytes(7, IdAndName);
        _store.Put("t/good.parquet", good);
        _store.Put("t/garbage.parquet", [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 31))]);
        _store.Put("t/truncated.parquet", good[..(good.Length / 2)]);

        var result = await DiscoverAsync();

        var table = Assert.Single(result.Tables);
        Assert.Null(table.Error);
        Assert.Equal(["t/good.parquet"], table.Files.Select(f => f.StoredObject.Key));
        Assert.Equal(7, table.Rows);
        Assert.Equal(["t/garbage.parquet", "t/truncated.parquet"], result.Skipped.Select(s => s.Key));
        Assert.All(result.Skipped, s =>
        {
            Assert.Equal("t", s.Table);
            Assert.Contains("not a Parquet file", s.Reason, StringComparison.Ordinal);
            Assert.Contains($"'{s.Key}'", s.Reason, StringComparison.Ordinal);
            Assert.False(s.Transient);
        });
    }

    [Fact]
    public async Task DiscoverAsync_TableWhoseOnlyObjectIsUnreadable_FailsTheTable()
    {
        _store.Put("broken/only.parquet", "PAR1 and then nothing useful"u8.ToArray());
        _store.Put("fine/ok.parquet", Bytes(1, IdAndName));

        var result = await DiscoverAsync();

        var broken = result.Tables.Single(t => t.Name == "broken");
        Assert.Null(broken.Table);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("broken/only.parquet", skipped.Key);
        Assert.Equal($"table \"broken\": none of its objects could be read (1 skipped; the first: {skipped.Reason})", broken.Error);
        Assert.Null(result.Tables.Single(t => t.Name == "fine").Error);
    }

    [Fact]
    public async Task DiscoverAsync_ColumnCqIdThatIsNotAUuid_FailsTheTableNamingTheColumn()
    {
        _store.Put("t/a.parquet", Bytes(2, Required("_cq_id", Int64Type.Default), Nullable("name", StringType.Default)));

        var result = await DiscoverAsync();

        var table = Assert.Single(result.Tables);
        Assert.Null(table.Table);
        Assert.StartsWith("table \"t\": ", table.Error, StringComparison.Ordinal);
        Assert.Contains("'_cq_id'", table.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAsync_MultiMegabyteObjects_ReadsOnlySmallRangesNeverAWholeObject()
    {
        var big = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { Compression = Compression.Uncompressed, DictionaryEncoding = false, RowGroupRows = 10_000 }
            .Add(SampleBatches.AllTypes(0, 40_000)).ToBytes();
        Assert.True(big.Length > 3_000_000, $"fixture is only {big.Length} bytes");
        _store.Put("big/1.parquet", big);
        _store.Put("big/2.parquet", big);
        _store.Put("big/3.parquet", big);

        var result = await DiscoverAsync();

        Assert.Equal(120_000, Assert.Single(result.Tables).Rows);
        Assert.NotEmpty(_store.Reads);
        Assert.All(_store.Reads, read => Assert.InRange(read.Length, 1, ParquetReadOptions.FooterWindowBytes));
        Assert.True(_store.BytesRead < 3 * 70_000, $"discovery fetched {_store.BytesRead} bytes");
    }

    private Task<DiscoveryResult> DiscoverAsync(DiscoveryRules? rules = null) =>
        new TableDiscovery(_store, ParquetReadOptions.Default, concurrency: 4, NullLogger.Instance, rules: rules).DiscoverAsync("", CancellationToken.None);
}
