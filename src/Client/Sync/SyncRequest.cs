using CqSourceS3.Client.Sharding;

namespace CqSourceS3.Client.Sync;

/// <summary>The table selection, id mode and shard of one sync, as Sync.Request carries them.</summary>
/// <param name="Tables">Include patterns (<c>*</c> globs).</param>
/// <param name="SkipTables">Exclude patterns; skip wins.</param>
/// <param name="DeterministicCqId">Derive <c>_cq_id</c> from (location, key, object version, row) instead of random.</param>
public sealed record SyncRequest(IReadOnlyList<string> Tables, IReadOnlyList<string> SkipTables, bool DeterministicCqId = false)
{
    /// <summary>The shard this process syncs (<c>cloudquery sync --shard N/M</c>); null syncs everything.</summary>
    public SyncShard? Shard { get; init; }
}
