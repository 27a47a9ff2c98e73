using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Sync;

/// <summary>What a sync would read, decided without reading any row: the selected tables and, per table, the objects after its cursor.</summary>
/// <param name="Tables">The selected tables in name order.</param>
/// <param name="Skipped">Objects already known to be unreadable (their footer failed).</param>
public sealed record SyncPlan(IReadOnlyList<PlannedTable> Tables, IReadOnlyList<SkippedObject> Skipped)
{
    /// <summary>Listed objects that belong to no table (not Parquet, hidden, outside include/exclude), by reason.</summary>
    public IgnoredObjects Ignored { get; init; } = IgnoredObjects.None;

    /// <summary>What the shard was given of the selected tables; null when the sync is not sharded.</summary>
    public Sharding.ShardShare? Share { get; init; }
}

/// <summary>One selected table of a <see cref="SyncPlan"/>.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Error">Why the table cannot be synced (schema mismatch, or an unreadable object under <c>error_policy: fail</c>); null when it can.</param>
/// <param name="ToRead">The objects a sync would read, in key order.</param>
/// <param name="AlreadySynced">Objects the incremental cursor says were read before.</param>
/// <param name="TooYoung">Objects younger than <c>settle_seconds</c>, left for a later run.</param>
public sealed record PlannedTable(string Name, string? Error, IReadOnlyList<StoredObject> ToRead, int AlreadySynced, int TooYoung)
{
    /// <summary>The table's hive partition columns (appended after the file's columns), in key order.</summary>
    public IReadOnlyList<string> Partitions { get; init; } = [];

    /// <summary><c>mirror: true</c>: objects to read whose earlier rows are deleted first (rewritten, or possibly sent before).</summary>
    public int Replaced { get; init; }

    /// <summary><c>mirror: true</c>: keys no longer listed whose rows would be deleted.</summary>
    public IReadOnlyList<string> Deleted { get; init; } = [];

    /// <summary>Bytes of the objects to read.</summary>
    public long Bytes => ToRead.Sum(o => o.Size);
}
