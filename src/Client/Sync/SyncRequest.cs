namespace CqSourceS3.Client.Sync;

/// <summary>The table selection and id mode of one sync, as Sync.Request carries them.</summary>
/// <param name="Tables">Include patterns (<c>*</c> globs).</param>
/// <param name="SkipTables">Exclude patterns; skip wins.</param>
/// <param name="DeterministicCqId">Derive <c>_cq_id</c> from (location, key, object version, row) instead of random.</param>
public sealed record SyncRequest(IReadOnlyList<string> Tables, IReadOnlyList<string> SkipTables, bool DeterministicCqId = false);
