using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Spec;

namespace CqSourceS3.Client.Sharding;

/// <summary>
/// What one shard owns of a discovery: under <c>shard_by: object</c> the objects whose key hashes to it, in every
/// table; under <c>shard_by: table</c> whole tables, the selected ones sorted by name and cut into contiguous chunks
/// of ceil(tables ÷ total), as the Go SDK shards tables. Without a shard it owns everything.
/// </summary>
/// <remarks>
/// Every shard discovers everything (lists all objects and reads every footer of the selected tables), so all shards
/// agree on each table's schema, send the same MigrateTable and fail the same tables; only rows are divided.
/// </remarks>
internal sealed class ShardAssignment
{
    private readonly SyncShard? _shard;
    private readonly bool _byTable;
    private readonly HashSet<string> _ownedTables;

    private ShardAssignment(SyncShard? shard, bool byTable, HashSet<string> ownedTables)
    {
        _shard = shard;
        _byTable = byTable;
        _ownedTables = ownedTables;
    }

    /// <summary>Owns everything: a sync without a shard.</summary>
    public static ShardAssignment Everything { get; } = new(null, byTable: false, []);

    /// <summary>The share of <paramref name="shard"/> (null: everything) of the tables <paramref name="selected"/>.</summary>
    /// <param name="shard">The shard of the request, or null.</param>
    /// <param name="shardBy">The spec's <c>shard_by</c>.</param>
    /// <param name="selected">The tables the request selects; under <c>shard_by: table</c> they are what is divided.</param>
    public static ShardAssignment For(SyncShard? shard, string shardBy, IEnumerable<string> selected)
    {
        if (shard is null)
        {
            return Everything;
        }

        if (shardBy != ShardModes.ByTable)
        {
            return new(shard, byTable: false, []);
        }

        var sorted = selected.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var chunk = (sorted.Count + shard.Total - 1) / shard.Total;
        var owned = sorted.Skip((shard.Num - 1) * chunk).Take(chunk).ToHashSet(StringComparer.Ordinal);
        return new(shard, byTable: true, owned);
    }

    /// <summary>The shard, or null when the sync is not sharded.</summary>
    public SyncShard? Shard => _shard;

    /// <summary>The <c>shard_by</c> mode in effect.</summary>
    public string Mode => _byTable ? ShardModes.ByTable : ShardModes.ByObject;

    /// <summary>
    /// True when this shard reports the table's problems and reads some of its objects: always under
    /// <c>shard_by: object</c>, only for its own tables under <c>shard_by: table</c>.
    /// </summary>
    public bool OwnsTable(string table) => _shard is null || !_byTable || _ownedTables.Contains(table);

    /// <summary>True when this shard reads the object <paramref name="key"/> of <paramref name="table"/>.</summary>
    public bool Owns(string table, string key) =>
        _shard is null || (_byTable ? _ownedTables.Contains(table) : ObjectShardHash.ShardOf(key, _shard.Total) == _shard.Num);

    /// <summary>
    /// The discovery as this shard sees it: each table keeps its schema but holds only the shard's objects, a failed
    /// table is left to the shard that owns it, and only the shard's unreadable objects are reported.
    /// </summary>
    public DiscoveryResult Apply(DiscoveryResult discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        if (_shard is null)
        {
            return discovery;
        }

        // A table another shard owns stays selected with no objects: every shard sends its MigrateTable (idempotent),
        // but only its owner reports a table that cannot be synced.
        var tables = discovery.Tables
            .Where(t => t.Table is not null || OwnsTable(t.Name))
            .Select(t => t with { Files = [.. t.Files.Where(f => Owns(t.Name, f.StoredObject.Key))] })
            .ToList();
        var skipped = discovery.Skipped.Where(s => Owns(s.Table, s.Key)).ToList();
        return discovery with { Tables = tables, Skipped = skipped };
    }
}
