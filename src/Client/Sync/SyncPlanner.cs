using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Mirror;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Prepares a sync: discovery, table selection, the shard's share, then each table's cursor, read before anything is
/// sent so that a corrupt stored value fails the sync before any row moves.
/// </summary>
internal sealed class SyncPlanner(IObjectStore store, SourceSpec spec, SyncSettings settings, int concurrency, ILogger logger)
{
    private readonly MirrorCoverage _coverage = new(spec);

    public async Task<PreparedSync> PrepareAsync(SyncRequest request, IStateStore? state, CancellationToken cancellationToken)
    {
        if (spec.Mirror && state is null)
        {
            throw new MirrorStateRequiredException();
        }

        var all = await new TableDiscovery(store, settings.ReadOptions, concurrency, logger, settings.Footers, DiscoveryRules.For(spec))
            .DiscoverAsync(spec.PathPrefix, cancellationToken).ConfigureAwait(false);
        var sharded = ShardedDiscovery.Of(all, request, spec.ShardBy);
        if (sharded.Share is { } share)
        {
            ClientLog.ShardAssigned(logger, share.Describe());
        }

        List<DiscoveredTable> selected = [.. sharded.Discovery.Tables.Where(t => sharded.Selected.Contains(t.Name))];
        var incremental = state is null
            ? new Dictionary<string, IncrementalTable>(StringComparer.Ordinal)
            : await ReadCursorsAsync(state, sharded.OwnedTables, sharded.Discovery, request.Shard, cancellationToken).ConfigureAwait(false);
        return new PreparedSync(sharded.Discovery, selected, incremental, spec.FailsTableOnUnreadableObject) { Share = sharded.Share };
    }

    private async Task<Dictionary<string, IncrementalTable>> ReadCursorsAsync(
        IStateStore state, IEnumerable<DiscoveredTable> selected, DiscoveryResult discovery, SyncShard? shard, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, IncrementalTable>(StringComparer.Ordinal);
        var now = settings.Clock.GetUtcNow();
        foreach (var table in selected.Where(t => t.Table is not null))
        {
            var key = StateKeys.ForTable(store.Location, table.Name, shard);
            var cursor = TableCursor.Parse(key, await state.GetAsync(key, cancellationToken).ConfigureAwait(false));

            // Objects whose footer failed are listed too: the cursor must see them so it cannot pass a transient failure.
            var footerFailed = discovery.Skipped.Where(s => s.Table == table.Name && s.StoredObject is not null).Select(s => s.StoredObject!);
            List<Storage.StoredObject> listed = [.. table.Files.Select(f => f.StoredObject).Concat(footerFailed)];
            var mirror = spec.Mirror ? await MirrorOfAsync(state, key, table.Name, listed, discovery, cancellationToken).ConfigureAwait(false) : null;
            var selection = CursorFilter.Select(cursor, listed, now, spec.Settle, mirror is null ? null : mirror.MustRead);
            var run = new IncrementalTable(key, selection) { Mirror = mirror };
            run.FooterFailed(discovery.Skipped.Where(s => s.Table == table.Name));
            runs[table.Name] = run;
            ClientLog.CursorSelected(logger, table.Name, selection.ToRead.Count, selection.SkippedAsSynced, selection.SkippedAsTooYoung);
            foreach (var change in ChangedColumnTypes.Of(table, run))
            {
                ClientLog.ColumnTypeChanged(logger, table.Name, change.Column, change.NewType, change.OldType, change.Key);
            }
        }

        return runs;
    }

    private async Task<MirrorTable> MirrorOfAsync(
        IStateStore state, string tableKey, string table, IReadOnlyList<Storage.StoredObject> listed, DiscoveryResult discovery, CancellationToken cancellationToken)
    {
        var remembered = await MirrorState.LoadAsync(state, tableKey, cancellationToken).ConfigureAwait(false);
        var present = discovery.Skipped.Where(s => s.Table == table).Select(s => s.Key);
        return new MirrorTable(remembered, listed, present, _coverage.For(table));
    }
}
