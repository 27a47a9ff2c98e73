namespace CqSourceS3.Client.State;

/// <summary>
/// Names the keys this plugin uses in CloudQuery's key/value state backend: one key per table and location,
/// <c>cq-source-s3/v1/&lt;location&gt;/&lt;table&gt;</c>, e.g. <c>cq-source-s3/v1/s3://sales/orders</c> or
/// <c>cq-source-s3/v1//data/exports/orders</c>. The location is part of the key so that two sources sharing one
/// backend (or one source pointed at another bucket) never read each other's cursors; the <c>v1</c> segment lets a
/// future naming scheme live next to this one. Table names never contain <c>/</c>, so the table is always the last
/// segment and distinct (location, table) pairs give distinct keys. A shard of a sharded sync appends its
/// <see cref="Sharding.SyncShard.StateKeySuffix"/> (<c>…/orders#shard=2/4</c>); an unsharded sync appends nothing,
/// so cursors written before shards existed are still found.
/// </summary>
internal static class StateKeys
{
    /// <summary>The start of every key this plugin writes.</summary>
    public const string Prefix = "cq-source-s3/v1/";

    /// <summary>The state key of <paramref name="table"/>'s cursor for objects in <paramref name="location"/>.</summary>
    /// <param name="location"><c>s3://bucket</c> or the local folder's full path, as <c>IObjectStore.Location</c> reports it.</param>
    /// <param name="table">The CloudQuery table name.</param>
    /// <param name="shard">The shard of a sharded sync, whose cursors are its own; null for an unsharded sync.</param>
    public static string ForTable(string location, string table, Sharding.SyncShard? shard = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentException.ThrowIfNullOrEmpty(table);
        if (table.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"table name '{table}' contains '/', which would make state keys ambiguous", nameof(table));
        }

        return $"{Prefix}{location}/{table}{shard?.StateKeySuffix}";
    }
}
