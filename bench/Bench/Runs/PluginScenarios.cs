using System.Diagnostics;
using System.Text.Json;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Bench.Plugin;
using CqSourceS3.Bench.Store;

namespace CqSourceS3.Bench.Runs;

/// <summary>
/// The scenarios that drive the real plugin binary: each starts a fresh <c>serve</c> process, times the RPCs a
/// CloudQuery CLI would make and reads the process's peak RSS before stopping it. The timed span is Init through
/// the end of the Sync stream (discovery included), not process start, which is measured on its own, nor the
/// CLI's protocol handshake (Discovery.GetVersions), which the client makes on connecting, before Init.
/// </summary>
internal sealed class PluginScenarios(string pluginPath, string? specOverrides, string footerCacheRoot)
{
    /// <summary>The AWS default chain must find the store's keys and nothing else (no profile, no IMDS probe).</summary>
    public static readonly IReadOnlyDictionary<string, string?> S3Environment = new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = SwiftStore.AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SwiftStore.SecretKey,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public static readonly IReadOnlyDictionary<string, string?> LocalEnvironment = new Dictionary<string, string?>();

    public async Task<Measurement> StartupAsync(CancellationToken cancellationToken)
    {
        await using var server = await PluginServer.StartAsync(pluginPath, LocalEnvironment, cancellationToken).ConfigureAwait(false);
        return new Measurement("serve-ready", server.ReadyAfter.TotalSeconds, 0, 0, server.PeakRssBytes, BytesFetched: null);
    }

    /// <summary>
    /// A sync of a local folder, default spec plus <paramref name="options"/>, <c>serve</c> given
    /// <paramref name="serveArguments"/> too, read at the client's full speed unless <paramref name="pacing"/> slows it;
    /// bytes fetched are the plugin's <c>rchar</c> over the span.
    /// </summary>
    public async Task<Measurement> LocalSyncAsync(
        string scenario, string localPath, long expectedRows, long parquetBytes, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, object>? options = null, IReadOnlyList<string>? serveArguments = null, ReadPacing? pacing = null)
    {
        var spec = LocalSpec(localPath, options);
        await using var server = await PluginServer.StartAsync(pluginPath, LocalEnvironment, cancellationToken, serveArguments).ConfigureAwait(false);
        using var client = await PluginSyncClient.ConnectAsync(server.SocketPath, cancellationToken).ConfigureAwait(false);
        return await MeasuredLocalSyncAsync(scenario, server, client, spec, expectedRows, parquetBytes, pacing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One local sync on a connected client, checked and probed over its own span: the plugin's CPU seconds and
    /// <c>rchar</c> over it, the process's peak RSS so far.
    /// </summary>
    public static async Task<Measurement> MeasuredLocalSyncAsync(
        string scenario, PluginServer server, PluginSyncClient client, string spec, long expectedRows, long parquetBytes, ReadPacing? pacing, CancellationToken cancellationToken)
    {
        var before = server.Counters;
        var (seconds, tally) = await TimedSyncAsync(client, spec, pacing, cancellationToken).ConfigureAwait(false);
        var used = server.Counters.Since(before);
        Check(scenario, tally, expectedRows);
        return new Measurement(scenario, seconds, tally.Rows, parquetBytes, server.PeakRssBytes, used.ReadCharacters, used.CpuSeconds, tally.ClientCpuSeconds, SentBytes: tally.IpcBytes)
        {
            MinorFaults = used.MinorFaults,
        };
    }

    /// <summary>
    /// The local sync split into shards 1/<paramref name="shards"/> … <paramref name="shards"/>/<paramref name="shards"/>,
    /// one plugin process each, all at once (see <see cref="ShardedSync"/>). Fails unless the shards together sent every
    /// row once and their logged shares add up; CPU, fetched and sent bytes are the processes' sums, RSS the largest.
    /// </summary>
    public async Task<Measurement> ShardedLocalSyncAsync(string scenario, string localPath, int objects, long expectedRows, long parquetBytes, int shards, CancellationToken cancellationToken)
    {
        var result = await ShardedSync.RunAsync(pluginPath, LocalEnvironment, LocalSpec(localPath), shards, cancellationToken).ConfigureAwait(false);
        if (result.Problem(expectedRows, objects) is { } problem)
        {
            throw new InvalidOperationException($"{scenario}: {problem}");
        }

        var runs = result.Shards;
        return new Measurement(scenario, result.Seconds, result.Rows, parquetBytes, runs.Max(s => s.PeakRssBytes), Sum(runs, s => s.ReadCharacters), result.CpuSeconds,
            result.ClientCpuSeconds, SentBytes: runs.Sum(s => s.Tally.IpcBytes))
        {
            Shares = result.Shares,
            ShardCpuSeconds = runs.All(s => s.CpuSeconds.HasValue) ? [.. runs.OrderBy(s => s.Num).Select(s => s.CpuSeconds!.Value)] : null,
            MinorFaults = Sum(runs, s => s.MinorFaults),
        };
    }

    /// <summary>A default-spec sync of a bucket through the counting proxy.</summary>
    public async Task<Measurement> S3SyncAsync(string scenario, string bucket, CountingProxy proxy, long expectedRows, long parquetBytes, CancellationToken cancellationToken)
    {
        await using var server = await PluginServer.StartAsync(pluginPath, S3Environment, cancellationToken).ConfigureAwait(false);
        proxy.Reset();
        var cpuBefore = server.CpuSeconds;
        var (seconds, tally) = await SyncAsync(server, S3Spec(bucket, proxy), cancellationToken).ConfigureAwait(false);
        Check(scenario, tally, expectedRows);
        return new Measurement(scenario, seconds, tally.Rows, parquetBytes, server.PeakRssBytes, proxy.BytesFromServer, server.CpuSeconds - cpuBefore, tally.ClientCpuSeconds, SentBytes: tally.IpcBytes);
    }

    /// <summary>
    /// Discovery as the CLI starts a sync: Init, then GetTables for every table. "Rows" are objects here.
    /// <paramref name="cold"/> empties the footer cache first, so every footer is read (a first sync); otherwise
    /// the cache holds what the previous discovery read (a repeated sync of unchanged objects).
    /// </summary>
    public async Task<Measurement> DiscoveryAsync(string bucket, CountingProxy proxy, int objects, long parquetBytes, bool cold, CancellationToken cancellationToken)
    {
        if (cold && Directory.Exists(footerCacheRoot))
        {
            Directory.Delete(footerCacheRoot, recursive: true);
        }

        await using var server = await PluginServer.StartAsync(pluginPath, S3Environment, cancellationToken).ConfigureAwait(false);
        using var client = await PluginSyncClient.ConnectAsync(server.SocketPath, cancellationToken).ConfigureAwait(false);
        proxy.Reset();
        var cpuBefore = server.CpuSeconds;
        var clientCpuBefore = ProcessProbe.OwnCpuSeconds();
        var clock = Stopwatch.StartNew();
        await client.InitAsync(S3Spec(bucket, proxy), cancellationToken).ConfigureAwait(false);
        var tables = await client.GetTablesAsync(cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        var clientCpu = ProcessProbe.OwnCpuSeconds() - clientCpuBefore;
        if (tables != 1)
        {
            throw new InvalidOperationException($"discovery found {tables} tables, expected 1");
        }

        return new Measurement(cold ? "s3-discovery-cold" : "s3-discovery", seconds, objects, parquetBytes, server.PeakRssBytes, proxy.BytesFromServer, server.CpuSeconds - cpuBefore, clientCpu);
    }

    public string LocalSpec(string localPath, IReadOnlyDictionary<string, object>? options = null) =>
        Spec(new Dictionary<string, object>(options ?? new Dictionary<string, object>()) { ["local_path"] = Path.GetFullPath(localPath) });

    /// <summary>The sum when every value is known, else null: a partial sum would pass for a whole one.</summary>
    private static long? Sum(IEnumerable<ShardRun> runs, Func<ShardRun, long?> value) =>
        runs.Select(value).ToList() is var values && values.All(v => v.HasValue) ? values.Sum() : null;

    private string S3Spec(string bucket, CountingProxy proxy) => Spec(new Dictionary<string, object>
    {
        ["bucket"] = bucket,
        ["endpoint"] = proxy.Endpoint,
        ["use_path_style"] = true,
        ["region"] = "us-east-1",
    });

    private string Spec(Dictionary<string, object> spec)
    {
        // The bench's own footer cache folder: runs neither use nor fill the user's cache.
        spec["footer_cache_dir"] = footerCacheRoot;
        if (specOverrides is not null)
        {
            var overrides = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(specOverrides)
                ?? throw new ArgumentException("--spec must be a JSON object");
            foreach (var (name, value) in overrides)
            {
                spec[name] = value;
            }
        }

        return JsonSerializer.Serialize(spec);
    }

    private static async Task<(double Seconds, SyncTally Tally)> SyncAsync(PluginServer server, string spec, CancellationToken cancellationToken)
    {
        using var client = await PluginSyncClient.ConnectAsync(server.SocketPath, cancellationToken).ConfigureAwait(false);
        return await TimedSyncAsync(client, spec, pacing: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The timed span on a connected client: Init, then Sync of every table; the client's CPU added.</summary>
    private static async Task<(double Seconds, SyncTally Tally)> TimedSyncAsync(PluginSyncClient client, string spec, ReadPacing? pacing, CancellationToken cancellationToken)
    {
        var clientCpuBefore = ProcessProbe.OwnCpuSeconds();
        var clock = Stopwatch.StartNew();
        await client.InitAsync(spec, cancellationToken).ConfigureAwait(false);
        var tally = await client.SyncAsync(shard: null, PluginSyncClient.AllTables, pacing, cancellationToken).ConfigureAwait(false);
        return (clock.Elapsed.TotalSeconds, tally with { ClientCpuSeconds = ProcessProbe.OwnCpuSeconds() - clientCpuBefore });
    }

    /// <summary>
    /// One table, the row count, and the sum of the ids, which number the rows 0 to rows − 1: a row lost and another
    /// sent twice keep the count but change the sum (unless the two ids were equal, i.e. the same row).
    /// </summary>
    public static void Check(string scenario, SyncTally tally, long expectedRows)
    {
        var expectedIdSum = expectedRows * (expectedRows - 1) / 2;
        if (tally.Rows != expectedRows || tally.Migrations != 1 || tally.IdSum != expectedIdSum)
        {
            throw new InvalidOperationException(
                $"{scenario}: the plugin sent {tally.Rows} rows (id sum {tally.IdSum}) in {tally.Inserts} inserts and {tally.Migrations} migrations; expected {expectedRows} rows (id sum {expectedIdSum}), 1 table");
        }
    }
}
