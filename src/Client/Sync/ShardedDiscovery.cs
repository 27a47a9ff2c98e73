using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Sharding;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// A discovery as one request sees it: the tables it selects (<c>tables</c>/<c>skip_tables</c>), and of them what
/// its shard owns. The sync's planner and <c>discover --shard</c> both take it from here, so they cannot disagree.
/// </summary>
/// <param name="Discovery">The discovery after <see cref="ShardAssignment.Apply"/>: every table, holding only the shard's objects.</param>
/// <param name="Selected">The names of the tables the request selects.</param>
/// <param name="Assignment">What the shard owns.</param>
/// <param name="Share">The shard's share of the selected tables; null when the request has no shard.</param>
internal sealed record ShardedDiscovery(DiscoveryResult Discovery, IReadOnlySet<string> Selected, ShardAssignment Assignment, ShardShare? Share)
{
    /// <exception cref="TableFilterException">When a pattern of the request matches no table.</exception>
    public static ShardedDiscovery Of(DiscoveryResult all, SyncRequest request, string shardBy)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(request);
        var selected = TableFilter.Select(all, request.Tables, request.SkipTables).ToHashSet(StringComparer.Ordinal);
        var assignment = ShardAssignment.For(request.Shard, shardBy, selected);
        var owned = assignment.Apply(all);
        return new ShardedDiscovery(owned, selected, assignment, ShardShare.Of(assignment, all, owned, selected));
    }

    /// <summary>The selected tables this shard reads from (under <c>shard_by: table</c>, only its own), in name order.</summary>
    public IEnumerable<DiscoveredTable> OwnedTables => Discovery.Tables.Where(t => Selected.Contains(t.Name) && Assignment.OwnsTable(t.Name));
}
