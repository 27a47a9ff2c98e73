using Apache.Arrow;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Grpc.Core;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// Init and Sync over real sockets against a real S3-compatible server (<see cref="S3ServerFixture"/>), with Parquet at
/// four prefix depths next to keys that are not Parquet. Each test gets its own bucket.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class S3SyncTests(S3ServerFixture server, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Dictionary<string, (string Key, long FirstRow, int Rows)[]> Layout = new()
    {
        ["top"] = [("top.parquet", 0, 250)],
        ["events"] = [("events/a.parquet", 1000, 130)],
        ["events_2024"] = [("events/2024/b.parquet", 2000, 301)],
        ["events_2024_eu"] = [("events/2024/eu/c.parquet", 3000, 1), ("events/2024/eu/d.parquet", 4000, 77)],
    };

    private readonly string _bucket = S3ServerFixture.UniqueBucketName("e2e-sync");
    private readonly StoreTraffic _traffic = new();

    public static TheoryData<string> Networks => new() { "unix", "tcp" };

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
        foreach (var (key, firstRow, rows) in Layout.Values.SelectMany(f => f))
        {
            using var batch = SampleBatches.AllTypes(firstRow, rows);
            await server.PutObjectAsync(_bucket, key, new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 100 }.Add(batch).ToBytes());
        }

        // Keys a real bucket holds next to the data: a Spark success marker and a console-made "folder".
        await server.PutObjectAsync(_bucket, "events/2024/_SUCCESS", []);
        await server.PutObjectAsync(_bucket, "events/", []);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Networks))]
    public async Task Sync_AllTables_MigratesFirstThenEveryRowInOneBatchInserts(string network)
    {
        await using var plugin = await StartAsync(network, S3Spec.For(server, _bucket, rowsPerRecord: 64));

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });

        Assert.Equal(Layout.Keys.Order(StringComparer.Ordinal), sync.Migrations.Select(DecodedSyncResponses.TableOf));
        Assert.Equal(Layout.Count, sync.Order.TakeWhile(kind => kind == "migrate").Count());
        Assert.Equal(sync.Order.Count - Layout.Count, sync.Inserts.Count);
        Assert.All(sync.BatchesPerInsert, count => Assert.Equal(1, count));
        Assert.All(sync.Inserts, insert => Assert.InRange(insert.Length, 1, 64));
        foreach (var (table, files) in Layout)
        {
            var migration = sync.Migrations.Single(m => DecodedSyncResponses.TableOf(m) == table);
            var inserts = sync.InsertsOf(table).ToList();
            Assert.All(inserts, insert => Assert.Equal(migration.FieldsList.Select(f => f.Name), insert.Schema.FieldsList.Select(f => f.Name)));
            var expected = files.SelectMany(f => SampleBatches.AllTypesRows(f.FirstRow, f.Rows)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, inserts.SelectMany(ArrowValueFormatter.DataRows).Order(StringComparer.Ordinal));
        }

        Assert.DoesNotContain(_traffic.Reads, read => read.Key is "events/2024/_SUCCESS" or "events/");
    }

    [Fact]
    public async Task Sync_PathPrefix_ListsOnlyUnderThePrefixAndSyncsThoseTables()
    {
        await using var plugin = await StartAsync("unix", S3Spec.For(server, _bucket, pathPrefix: "events/2024/"));

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });

        Assert.Equal(["events_2024", "events_2024_eu"], sync.Migrations.Select(DecodedSyncResponses.TableOf));
        Assert.Equal(301, sync.InsertsOf("events_2024").Sum(b => b.Length));
        Assert.Equal(78, sync.InsertsOf("events_2024_eu").Sum(b => b.Length));
        Assert.NotEmpty(_traffic.Listings);
        Assert.All(_traffic.Listings, prefix => Assert.Equal("events/2024/", prefix));
        Assert.All(_traffic.Reads, read => Assert.StartsWith("events/2024/", read.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sync_LargeObjectWithManyRowGroups_FetchesAboutItsSizeInExplicitRanges()
    {
        const string key = "big/all-types.parquet";
        const int rows = 120_000;
        using var batch = SampleBatches.AllTypes(0, rows);
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 20_000 }.Add(batch).ToBytes();
        await server.PutObjectAsync(_bucket, key, bytes);
        await using var plugin = await StartAsync("unix", S3Spec.For(server, _bucket, rowsPerRecord: 5000, pathPrefix: "big/"));

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });

        var requested = _traffic.BytesRequested(key);
        var reads = _traffic.Reads.Where(r => r.Key == key).ToList();
        output.WriteLine($"object {bytes.Length} bytes, {reads.Count} ranged reads, {requested} bytes requested ({(double)requested / bytes.Length:0.000}x)");
        Assert.Equal(rows, sync.Inserts.Sum(b => b.Length));
        Assert.InRange(bytes.Length, 2_000_000, int.MaxValue);
        Assert.InRange(requested, bytes.Length, (long)(bytes.Length * 1.10));
        // Every read is an explicit first-last range inside the object, the footer read included: a suffix range
        // (bytes=-N) would have no offset, and s3rver answers those with the wrong bytes.
        Assert.All(reads, read =>
        {
            Assert.Equal(bytes.Length, read.Size);
            Assert.InRange(read.Offset, 0, bytes.Length - 1);
            Assert.InRange(read.Length, 1, bytes.Length - read.Offset);
        });
        Assert.Contains(reads, read => read.Offset + read.Length == bytes.Length && read.Length < bytes.Length);
    }

    [Fact]
    public async Task Sync_MissingBucket_FailsNamingBucketAndEndpointBeforeAnyInsert()
    {
        var missing = S3ServerFixture.UniqueBucketName("e2e-missing");
        await using var plugin = await StartAsync("unix", S3Spec.For(server, missing));

        var (error, kinds) = await FailedSync.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } }, output);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.StartsWith("failed to sync records: ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(missing, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(kinds);
    }

    [Fact]
    public async Task Sync_UnreachableEndpoint_FailsNamingBucketAndEndpointBeforeAnyInsert()
    {
        var closed = $"http://127.0.0.1:{LoopbackPort.Free()}";
        await using var plugin = await StartAsync("tcp", S3Spec.For(server, _bucket, endpoint: closed));

        var (error, kinds) = await FailedSync.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } }, output);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.StartsWith("failed to sync records: ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(_bucket, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(closed, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(kinds);
    }

    private async Task<RunningPlugin> StartAsync(string network, Google.Protobuf.ByteString spec)
    {
        var plugin = await RunningPlugin.StartAsync(network, FixtureClientFactory.Replace(server.Credentials, _traffic));
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = spec });
        return plugin;
    }
}
