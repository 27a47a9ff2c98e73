using System.Text;
using System.Text.Json.Nodes;
using CqSourceS3.Plugin.Tests.Integration;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Plugin.Tests.State;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared.S3;
using Xunit.Abstractions;

namespace CqSourceS3.Plugin.Tests.Text;

/// <summary>
/// Incremental syncs of CSV tables over the S3 test server with a real CloudQuery plugin as state backend: a late
/// object (gzipped, another schema) is read once, the cursor names what was read, and nothing is read twice.
/// Schema policies on CSV tables are checked over the folder and the bucket alike.
/// </summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class TextIncrementalSyncTests(S3ServerFixture server, StateBackendFixture backends, ITestOutputHelper output)
    : IAsyncLifetime, IClassFixture<StateBackendFixture>
{
    private readonly string _bucket = S3ServerFixture.UniqueBucketName("text-incr");
    private readonly string _stateTable = $"cq_state_s3_{Guid.NewGuid():N}";
    private readonly StoreControl _control = new();

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sync_LateCsvObjects_EachReadOnceAndTheCursorNamesThem()
    {
        await PutAsync("events/a.csv", Encoding.UTF8.GetBytes("id,v\n1,10\n2,20\n"));
        await using var plugin = await StartAsync();

        using var first = await SyncAsync(plugin);
        await PutAsync("events/b.csv.gz", TextFolder.Gzip("id,v\n3,30\n"));
        using var second = await SyncAsync(plugin);
        using var third = await SyncAsync(plugin);

        Assert.Equal([(1L, 10L), (2L, 20L)], Rows(first));
        Assert.Equal([(3L, 30L)], Rows(second));
        Assert.Empty(third.Inserts);
        var cursor = Assert.Single(await StateTableRows.ReadAsync(backends.On("unix").Plugin, _stateTable));
        Assert.Equal($"cq-source-s3/v1/s3://{_bucket}/events", cursor.Key);
        Assert.Contains("\"events/a.csv\"", cursor.Value.Value, StringComparison.Ordinal);
        Assert.Contains("\"events/b.csv.gz\"", cursor.Value.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_CsvUnionByName_WidensIntegersToFloatsAndAddsNewColumns()
    {
        await PutAsync("m/a.csv", Encoding.UTF8.GetBytes("id,v\n1,1\n"));
        await PutAsync("m/b.csv", Encoding.UTF8.GetBytes("id,v,w\n2,2.5,x\n"));
        await using var plugin = await StartAsync();

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        Assert.Empty(sync.Errors);
        Assert.Equal(
            [(1L, 1.0, (string?)null), (2L, 2.5, "x")],
            TextRows.Of(sync, "m").Select(r => ((long)r["id"]!, (double)r["v"]!, (string?)r["w"])).Order());
    }

    [Fact]
    public async Task Sync_LateCsvObjectWidensAColumn_TheChangeIsWarnedOnceWithTheTypeTheSyncedObjectsWereReadAs()
    {
        // Run 1 reads a.csv and b.csv, both integers but b also text: v is utf8 from the start. Run 2 sees c.csv,
        // whose floats widen n from int64; v stays utf8, so only n has changed for the destination.
        await PutAsync("events/a.csv", Encoding.UTF8.GetBytes("id,v,n\n1,10,5\n"));
        await PutAsync("events/b.csv", Encoding.UTF8.GetBytes("id,v,n\n2,x,6\n"));
        await using var plugin = await StartAsync();
        using var first = await SyncAsync(plugin);
        var afterFirst = plugin.Logs.ToString();
        await PutAsync("events/c.csv", Encoding.UTF8.GetBytes("id,v,n\n3,30,7.5\n"));

        using var second = await SyncAsync(plugin);
        var afterSecond = plugin.Logs.ToString()[afterFirst.Length..];
        using var third = await SyncAsync(plugin);
        var afterThird = plugin.Logs.ToString()[(afterFirst.Length + afterSecond.Length)..];

        Assert.DoesNotContain("already synced had", afterFirst, StringComparison.Ordinal);
        Assert.Contains("Table events: column n is now float64, but objects already synced had int64 (e.g. events/a.csv)", afterSecond, StringComparison.Ordinal);
        Assert.DoesNotContain("column v is now", afterSecond, StringComparison.Ordinal);
        Assert.DoesNotContain("already synced had", afterThird, StringComparison.Ordinal);
        Assert.Equal([3L], TextRows.Of(second, "events").Select(r => (long)r["id"]!));
    }

    [Fact]
    public async Task Sync_CsvStrict_DifferentColumnsFailTheTableNamingBothObjects()
    {
        await PutAsync("m/a.csv", Encoding.UTF8.GetBytes("id,v\n1,1\n"));
        await PutAsync("m/b.csv", Encoding.UTF8.GetBytes("id,w\n2,x\n"));
        await using var plugin = await StartAsync(new JsonObject { ["schema_policy"] = "strict" });

        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" }, WithErrorMessages = true });

        var error = Assert.Single(sync.Errors);
        Assert.Equal("m", error.TableName);
        Assert.Contains("m/a.csv", error.Error, StringComparison.Ordinal);
        Assert.Contains("m/b.csv", error.Error, StringComparison.Ordinal);
        Assert.Empty(sync.Inserts);
    }

    private static List<(long, long)> Rows(DecodedSyncResponses sync) =>
        [.. TextRows.Of(sync, "events").Select(r => ((long)r["id"]!, (long)r["v"]!)).Order()];

    private async Task<DecodedSyncResponses> SyncAsync(RunningPlugin plugin)
    {
        await ListedObjectsClock.WaitUntilEveryObjectIsInThePastAsync(server, _bucket);
        return await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request
        {
            Tables = { "*" },
            WithErrorMessages = true,
            Backend = new Sync.Types.BackendOptions { TableName = _stateTable, Connection = backends.On("unix").Connection },
        });
    }

    private async Task<RunningPlugin> StartAsync(JsonObject? options = null)
    {
        var spec = S3Spec.Options(server, _bucket);
        spec["filetype"] = "csv";
        spec["concurrency"] = 1;
        foreach (var (name, value) in options ?? [])
        {
            spec[name] = value?.DeepClone();
        }

        return await S3Spec.StartAsync(server, "unix", _control, spec);
    }

    private Task PutAsync(string key, byte[] bytes) => server.PutObjectAsync(_bucket, key, bytes);
}
