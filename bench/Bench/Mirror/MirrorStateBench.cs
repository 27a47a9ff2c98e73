extern alias PluginAssembly;

using System.Diagnostics;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Client.Mirror;
using PluginAssembly::CqSourceS3.Plugin.State;

namespace CqSourceS3.Bench.Mirror;

/// <summary>
/// Measures the mirror state of issue #19 for one table: its size, the CPU to compute and encode it, and what writing
/// and reading it through the plugin's real state client (GrpcStateStore) costs against the tests' JS state backend.
/// In process: the plugin code that runs at a sync's start (open, load) and end (save, flush), without a sync around it.
/// </summary>
internal static class MirrorStateBench
{
    private const string TableKey = "cq-source-s3/v1/s3://bucket/logs";
    private const string StateTable = "cq_state";
    private const int NewKeys = 10;

    public static async Task<MirrorStateResult> MeasureAsync(string repository, int keys, CancellationToken ct)
    {
        var entries = MirrorKeys.Entries(0, keys);

        var memory = new MemoryStateStore();
        var empty = await MirrorState.LoadAsync(memory, TableKey, ct).ConfigureAwait(false);
        var encode = await TimeAsync(() => empty.SaveAsync(memory, entries, ct), backendPid: null).ConfigureAwait(false);
        var decode = await TimeAsync(() => MirrorState.LoadAsync(memory, TableKey, ct), backendPid: null).ConfigureAwait(false);
        var bytes = memory.Values.Sum(e => (long)e.Key.Length + e.Value.Length);

        await using var backend = await NodeStateBackend.StartAsync(repository, ct).ConfigureAwait(false);
        var options = new StateBackendOptions(backend.Connection, StateTable);
        var pid = backend.ProcessId;

        MirrorStateMeasure firstWrite, firstFlush;
        await using (var store = await GrpcStateStore.ConnectAsync(options, GrpcStateStore.DefaultConnectTimeout, ct).ConfigureAwait(false))
        {
            var state = await MirrorState.LoadAsync(store, TableKey, ct).ConfigureAwait(false);
            firstFlush = null!;
            firstWrite = await TimeAsync(async () =>
            {
                await state.SaveAsync(store, entries, ct).ConfigureAwait(false);
                firstFlush = await TimeAsync(() => store.FlushAsync(ct), pid).ConfigureAwait(false);
            }, pid).ConfigureAwait(false);
        }

        foreach (var (key, version) in MirrorKeys.Entries(keys, NewKeys))
        {
            entries[key] = version;
        }

        MirrorStateMeasure incremental;
        await using (var store = await GrpcStateStore.ConnectAsync(options, GrpcStateStore.DefaultConnectTimeout, ct).ConfigureAwait(false))
        {
            var state = await MirrorState.LoadAsync(store, TableKey, ct).ConfigureAwait(false);
            incremental = await TimeAsync(async () =>
            {
                await state.SaveAsync(store, entries, ct).ConfigureAwait(false);
                await store.FlushAsync(ct).ConfigureAwait(false);
            }, pid).ConfigureAwait(false);
        }

        GrpcStateStore reopened = null!;
        var open = await TimeAsync(async () => reopened = await GrpcStateStore.ConnectAsync(options, GrpcStateStore.DefaultConnectTimeout, ct).ConfigureAwait(false), pid).ConfigureAwait(false);
        await using (reopened)
        {
            // A fast wrong state is no result: every key, the new ones included, must read back.
            var loaded = await MirrorState.LoadAsync(reopened, TableKey, ct).ConfigureAwait(false);
            if (loaded.Entries.Count != entries.Count || loaded.LastRunComplete != true)
            {
                throw new InvalidOperationException($"the backend gave back {loaded.Entries.Count} keys of {entries.Count} (complete: {loaded.LastRunComplete})");
            }
        }

        var incrementalRows = MirrorKeys.Entries(keys, NewKeys).Keys.Select(MirrorState.BucketOf).Distinct().Count();
        return new MirrorStateResult(keys, memory.Values.Count, bytes, encode, decode, firstWrite, firstFlush, incremental, incrementalRows, open);
    }

    private static async Task<MirrorStateMeasure> TimeAsync(Func<Task> step, int? backendPid)
    {
        // The garbage of earlier steps (a million key strings) is not this step's cost.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var backendBefore = backendPid is { } before ? ProcessProbe.CpuSeconds(before) : null;
        var ownBefore = ProcessProbe.OwnCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        await step().ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var own = ProcessProbe.OwnCpuSeconds() - ownBefore;
        var backendAfter = backendPid is { } after ? ProcessProbe.CpuSeconds(after) : null;
        return new MirrorStateMeasure(wall, own, backendAfter - backendBefore);
    }
}
