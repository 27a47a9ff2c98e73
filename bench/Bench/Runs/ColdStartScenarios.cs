using System.Diagnostics;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Bench.Plugin;

namespace CqSourceS3.Bench.Runs;

/// <summary>
/// Issue #21's cold-start scenarios (skip name <c>cold</c>): what a fresh process costs a sync beyond the work.
/// The CLI starts a new plugin process for every sync, so whatever the first sync pays once (loading and compiling
/// code, first allocations, pools filling) it pays every time. Two views: the same sync twice in one process, where
/// the second pays none of it, and a sync with nothing to read, where that cost is all there is.
/// </summary>
internal sealed class ColdStartScenarios(string pluginPath, PluginScenarios scenarios)
{
    /// <summary>Selects no table: the Go SDK's rule for an empty include list, so an empty folder is no error.</summary>
    private static readonly IReadOnlyList<string> NoTables = [];

    /// <summary>
    /// One fresh <c>serve</c> process and one connection, then Init + Sync of the local folder twice: the plugin takes a
    /// second Init as the Go SDK does, replacing its client. Each sync is timed and probed over its own span (peak RSS
    /// is the process's so far), as <c>local-sync-first</c> and <c>local-sync-repeated</c>.
    /// </summary>
    public async Task<(Measurement First, Measurement Repeated)> RepeatedLocalSyncAsync(string localPath, long expectedRows, long parquetBytes, CancellationToken cancellationToken)
    {
        var spec = scenarios.LocalSpec(localPath);
        await using var server = await PluginServer.StartAsync(pluginPath, PluginScenarios.LocalEnvironment, cancellationToken).ConfigureAwait(false);
        using var client = await PluginSyncClient.ConnectAsync(server.SocketPath, cancellationToken).ConfigureAwait(false);
        var first = await PluginScenarios.MeasuredLocalSyncAsync("local-sync-first", server, client, spec, expectedRows, parquetBytes, pacing: null, cancellationToken).ConfigureAwait(false);
        var repeated = await PluginScenarios.MeasuredLocalSyncAsync("local-sync-repeated", server, client, spec, expectedRows, parquetBytes, pacing: null, cancellationToken).ConfigureAwait(false);
        return (first, repeated);
    }

    /// <summary>
    /// A fresh process syncing an empty folder: exec, the CLI's handshake, Init, and a Sync that selects no table (with
    /// <c>tables: ["*"]</c> an empty folder fails the sync, by the Go SDK's rule that a pattern must match). CPU seconds
    /// are the process's whole life up to the end of the Sync, start-up included; wall seconds the same span.
    /// </summary>
    public async Task<Measurement> EmptySyncAsync(CancellationToken cancellationToken)
    {
        const string Scenario = "empty-sync";
        var folder = Directory.CreateTempSubdirectory("cq-source-s3-bench-empty-");
        try
        {
            var spec = scenarios.LocalSpec(folder.FullName);
            var clock = Stopwatch.StartNew();
            await using var server = await PluginServer.StartAsync(pluginPath, PluginScenarios.LocalEnvironment, cancellationToken).ConfigureAwait(false);
            using var client = await PluginSyncClient.ConnectAsync(server.SocketPath, cancellationToken).ConfigureAwait(false);
            await client.InitAsync(spec, cancellationToken).ConfigureAwait(false);
            var tally = await client.SyncAsync(shard: null, NoTables, pacing: null, cancellationToken).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = server.CpuSeconds;
            if (tally.Migrations != 0 || tally.Inserts != 0)
            {
                throw new InvalidOperationException($"{Scenario}: the plugin sent {tally.Migrations} migrations and {tally.Inserts} inserts for an empty folder");
            }

            // No bytes fetched: rchar over a whole life counts the runtime's own start-up reads, not the store's.
            return new Measurement(Scenario, seconds, 0, 0, server.PeakRssBytes, BytesFetched: null, cpu);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
