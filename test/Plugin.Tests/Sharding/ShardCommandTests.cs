using System.Text.Json;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Plugin.Tests.Cli;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Sharding;

/// <summary>
/// <c>--shard N/M</c> of the standalone commands over the <see cref="ShardedFolder"/>: <c>discover</c> (every format)
/// and <c>sync --dry-run</c> show the shard's share, <c>sync</c> reads only it and keeps its own cursor, and an
/// impossible shard is a usage error before anything is listed.
/// </summary>
public sealed class ShardCommandTests(ShardedFolder folder) : IClassFixture<ShardedFolder>, IDisposable
{
    private readonly TestCacheFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Discover_ShardByObject_ShowsOnlyTheShardsObjectsAndItsShare()
    {
        var mine = Mine(2, 3);

        var (exitCode, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig("object"), "--shard", "2/3"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}\n{output}");
        Assert.Contains($"shard 2/3 (shard_by: object): 4 of 4 tables, {mine.Count} of {folder.Keys.Count} objects, {Bytes(mine)} of {Bytes(folder.Keys)} bytes, ", output, StringComparison.Ordinal);
        foreach (var key in folder.Keys)
        {
            Assert.Equal(mine.Contains(key), output.Contains(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Discover_ShardByTableJson_ListsOnlyTheShardsTablesAndTheShareObject()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig("table"), "--shard", "2/2", "--format", "json"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        // Four tables in two chunks of two: logs, sales | users, zones.
        Assert.Equal(["users", "zones"], root.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var shard = root.GetProperty("shard");
        Assert.Equal((2, 2, "table"), (shard.GetProperty("num").GetInt32(), shard.GetProperty("total").GetInt32(), shard.GetProperty("shard_by").GetString()));
        Assert.Equal((2, 4, 3, 33), (shard.GetProperty("tables").GetInt32(), shard.GetProperty("total_tables").GetInt32(), shard.GetProperty("objects").GetInt32(), shard.GetProperty("total_objects").GetInt32()));
        var mine = folder.Keys.Where(k => k.StartsWith("users/", StringComparison.Ordinal) || k.StartsWith("zones/", StringComparison.Ordinal)).ToList();
        Assert.Equal((Bytes(mine), Bytes(folder.Keys)), (shard.GetProperty("bytes").GetInt64(), shard.GetProperty("total_bytes").GetInt64()));
    }

    [Fact]
    public async Task Discover_MarkdownWithShard_SaysWhichShardItShows()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig("object"), "--shard", "1/2", "--format", "markdown"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains($"Only shard 1/2 (shard_by: object): 4 of 4 tables, {Mine(1, 2).Count} of 33 objects, ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_Shard_ListsOnlyTheShardsObjectsToRead()
    {
        var mine = Mine(3, 7);

        var (exitCode, output, errors) = await CliRun.InvokeAsync(["sync", WriteConfig("object"), "--dry-run", "--shard", "3/7"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}\n{output}");
        Assert.StartsWith($"shard 3/7 (shard_by: object): 4 of 4 tables, {mine.Count} of 33 objects, ", output, StringComparison.Ordinal);
        Assert.Contains($"dry run: 4 tables, {mine.Count} objects ({Bytes(mine)} bytes) would be read", output, StringComparison.Ordinal);
        foreach (var key in folder.Keys)
        {
            Assert.Equal(mine.Contains(key), output.Contains($"  {key}  ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Sync_ShardWithState_ReadsTheShardsRowsAndStoresItsOwnCursor()
    {
        var mine = Mine(1, 2);
        var state = Path.Combine(_cache.Path, "state.json");

        var (exitCode, output, errors) = await CliRun.InvokeAsync(["sync", WriteConfig("object"), "--shard", "1/2", "--state", state]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}\n{output}");
        var rows = mine.Sum(k => 3 + (int.Parse(k[^10..^8], System.Globalization.CultureInfo.InvariantCulture) % 4));
        Assert.Contains($"total: 4 tables, {rows} rows, 0 objects skipped, 0 tables failed\nshard 1/2 (shard_by: object): ", output, StringComparison.Ordinal);
        var stored = File.ReadAllText(state);
        Assert.Contains($"/logs#shard=1/2", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("/logs\"", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5/4", "--shard 5/4: the shard number must not be greater than the total")]
    [InlineData("0/4", "--shard 0/4: the shard number must be at least 1")]
    [InlineData("two/4", "--shard two/4: must be N/M, two whole numbers such as 2/4 (shard 2 of 4)")]
    public async Task SyncAndDiscover_ImpossibleShard_AreUsageErrorsNamingTheOption(string shard, string message)
    {
        foreach (var command in new[] { "sync", "discover" })
        {
            var (exitCode, output, errors) = await CliRun.InvokeAsync([command, WriteConfig("object"), "--shard", shard]);

            Assert.NotEqual(0, exitCode);
            Assert.Contains(message, errors, StringComparison.Ordinal);
            Assert.DoesNotContain("logs/", output, StringComparison.Ordinal);
        }
    }

    private List<string> Mine(int num, int total) => [.. folder.Keys.Where(k => ObjectShardHash.ShardOf(k, total) == num)];

    private long Bytes(IEnumerable<string> keys) => keys.Sum(k => new FileInfo(Path.Combine(folder.Path, k)).Length);

    private string WriteConfig(string shardBy)
    {
        var config = Path.Combine(_cache.Path, $"shards-{shardBy}.yml");
        File.WriteAllText(config, $"kind: source\nspec:\n  name: s3\n  tables: [\"*\"]\n  spec:\n    local_path: {folder.Path}\n    footer_cache_dir: {_cache.Path}\n    shard_by: {shardBy}\n");
        return config;
    }
}
