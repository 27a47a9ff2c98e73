using System.Globalization;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Sharding;

/// <summary>
/// What one shard was given of the selected tables, beside what there is in all: objects, bytes and rows (from the
/// footers). Shown by the start-of-sync log line, <c>discover --shard</c>, <c>sync --dry-run --shard</c> and the
/// standalone sync's summary.
/// </summary>
public sealed record ShardShare(
    SyncShard Shard, string Mode, int Tables, int TotalTables, int Objects, int TotalObjects, long Bytes, long TotalBytes, long Rows, long TotalRows)
{
    /// <summary>The share of <paramref name="assignment"/>'s shard among the tables named in <paramref name="selected"/>, counted before and after <see cref="ShardAssignment.Apply"/>.</summary>
    internal static ShardShare? Of(ShardAssignment assignment, DiscoveryResult all, DiscoveryResult owned, IReadOnlySet<string> selected)
    {
        if (assignment.Shard is not { } shard)
        {
            return null;
        }

        var before = all.Tables.Where(t => selected.Contains(t.Name)).ToList();
        var after = owned.Tables.Where(t => selected.Contains(t.Name) && assignment.OwnsTable(t.Name)).ToList();
        return new ShardShare(
            shard, assignment.Mode, after.Count, before.Count,
            after.Sum(t => t.Files.Count), before.Sum(t => t.Files.Count),
            after.Sum(t => t.Bytes), before.Sum(t => t.Bytes),
            after.Sum(t => t.Rows), before.Sum(t => t.Rows));
    }

    /// <summary>One line, e.g. <c>shard 2/4 (shard_by: object): 4 of 4 tables, 2503 of 10000 objects, …</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"shard {Shard} (shard_by: {Mode}): {Tables} of {TotalTables} tables, {Objects} of {TotalObjects} objects, {Bytes} of {TotalBytes} bytes, {Rows} of {TotalRows} rows");
}
