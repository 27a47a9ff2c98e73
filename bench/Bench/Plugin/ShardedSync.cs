using System.Diagnostics;
using System.Globalization;
using CqSourceS3.Bench.Measure;
using ShardRequest = CqSourceS3.Protocol.Plugin.V3.Sync.Types.Request.Types.Shard;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// One sync run as <c>cloudquery sync --shard 1/M</c> … <c>M/M</c> run it on M machines, here on this one: M fresh
/// <c>serve</c> processes started together, each logging JSON to its own file, then Init and a Sync carrying its
/// shard sent to all of them at once, every stream decoded by its own client in this process. The timed span runs
/// from the first Init to the end of the last stream; process start is left out, as in the other plugin scenarios.
/// </summary>
internal static class ShardedSync
{
    public static async Task<ShardedSyncResult> RunAsync(
        string pluginPath, IReadOnlyDictionary<string, string?> environment, string spec, int total, CancellationToken cancellationToken)
    {
        var logs = Directory.CreateTempSubdirectory("cq-source-s3-bench-shards-");
        var starts = Enumerable.Range(1, total)
            .Select(num => PluginServer.StartAsync(pluginPath, environment, LogFile(logs.FullName, num), cancellationToken))
            .ToList();
        var clients = new List<PluginSyncClient>();
        try
        {
            var servers = await Task.WhenAll(starts).ConfigureAwait(false);
            foreach (var server in servers)
            {
                clients.Add(await PluginSyncClient.ConnectAsync(server.SocketPath, cancellationToken).ConfigureAwait(false));
            }

            var clientCpuBefore = ProcessProbe.OwnCpuSeconds();
            var clock = Stopwatch.StartNew();
            var shards = await Task.WhenAll(servers.Select((server, i) => ShardAsync(server, clients[i], spec, i + 1, total, cancellationToken))).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            var clientCpu = ProcessProbe.OwnCpuSeconds() - clientCpuBefore;

            // Stopped as the CLI stops a plugin, so each has written its log before the file is read.
            await Task.WhenAll(servers.Select(s => s.StopAsync())).ConfigureAwait(false);
            var logged = shards.Select(s => s with { Log = PluginLogFile.Read(LogFile(logs.FullName, s.Num)) }).ToList();
            return new ShardedSyncResult(seconds, clientCpu, logged);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());

            // Every process started is stopped, also when another one failed to start or its sync failed.
            foreach (var start in starts.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync().ConfigureAwait(false);
            }

            logs.Delete(recursive: true);
        }
    }

    private static async Task<ShardRun> ShardAsync(PluginServer server, PluginSyncClient client, string spec, int num, int total, CancellationToken cancellationToken)
    {
        var before = server.Counters;
        await client.InitAsync(spec, cancellationToken).ConfigureAwait(false);
        var tally = await client.SyncAsync(new ShardRequest { Num = num, Total = total }, cancellationToken).ConfigureAwait(false);
        var used = server.Counters.Since(before);
        return new ShardRun(num, tally, used.CpuSeconds, server.PeakRssBytes, used.ReadCharacters, used.MinorFaults);
    }

    private static string LogFile(string folder, int num) => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"shard-{num}.log"));
}

/// <summary>
/// What a sharded sync did: the span from the first Init to the end of the last stream, the bench client's CPU seconds
/// over it (all streams), and each shard's run.
/// </summary>
internal sealed record ShardedSyncResult(double Seconds, double ClientCpuSeconds, IReadOnlyList<ShardRun> Shards)
{
    public long Rows => Shards.Sum(s => s.Tally.Rows);

    public long IdSum => Shards.Sum(s => s.Tally.IdSum);

    /// <summary>The plugin processes' CPU seconds added up; null when one could not be read.</summary>
    public double? CpuSeconds => Shards.All(s => s.CpuSeconds.HasValue) ? Shards.Sum(s => s.CpuSeconds) : null;

    /// <summary>The shares the plugins logged, by shard number; null when one logged none.</summary>
    public IReadOnlyList<ShardShareLine>? Shares =>
        Shards.All(s => s.Log?.Share is not null) ? [.. Shards.Select(s => s.Log!.Share!).OrderBy(s => s.Num)] : null;

    /// <summary>
    /// What is wrong with the sync, or null: every row of the set exactly once across the shards (count and id sum,
    /// as in the unsharded check), one MigrateTable per shard, and each plugin's logged share consistent with the
    /// others and with what it sent: its own number, the same totals, together all objects and rows, and as many
    /// rows and objects read as it said it was given.
    /// </summary>
    public string? Problem(long expectedRows, int expectedObjects)
    {
        var expectedIdSum = expectedRows * (expectedRows - 1) / 2;
        var problems = new List<string>();
        if (Rows != expectedRows || IdSum != expectedIdSum)
        {
            problems.Add($"the shards sent {Rows:N0} rows (id sum {IdSum}) together; expected {expectedRows:N0} (id sum {expectedIdSum}), each row once");
        }

        foreach (var shard in Shards)
        {
            if (ShardProblem(shard, expectedRows, expectedObjects) is { } problem)
            {
                problems.Add($"shard {shard.Num}/{Shards.Count}: {problem}");
            }
        }

        if (Shares is { } shares && shares.Sum(s => s.Objects) != expectedObjects)
        {
            problems.Add($"the shards' logged objects add up to {shares.Sum(s => s.Objects)}, not {expectedObjects}");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private string? ShardProblem(ShardRun shard, long expectedRows, int expectedObjects)
    {
        if (shard.Tally.Migrations != 1)
        {
            return $"{shard.Tally.Migrations} migrations, expected 1";
        }

        if (shard.Log?.Share is not { } share || shard.Log.Finished is not { } finished)
        {
            return "no \"Sharded sync\" or \"Sync finished\" line in its log";
        }

        if (share.Num != shard.Num || share.Total != Shards.Count || share.TotalObjects != expectedObjects || share.TotalRows != expectedRows)
        {
            return $"logged shard {share.Num}/{share.Total} of {share.TotalObjects} objects and {share.TotalRows} rows; expected {expectedObjects} objects and {expectedRows} rows in all";
        }

        return finished.Objects == share.Objects && finished.Rows == share.Rows && shard.Tally.Rows == share.Rows
            ? null
            : $"given {share.Objects} objects and {share.Rows} rows, it read {finished.Objects} objects and {finished.Rows} rows and sent {shard.Tally.Rows} rows";
    }
}

/// <summary>
/// One shard's sync: what its client received, the plugin's CPU seconds over its own Init and Sync, its peak RSS,
/// its <c>rchar</c> and minor page faults over the same span, and what it logged (read once the process was stopped).
/// </summary>
internal sealed record ShardRun(int Num, SyncTally Tally, double? CpuSeconds, long? PeakRssBytes, long? ReadCharacters, long? MinorFaults)
{
    public PluginLogSummary? Log { get; init; }
}
