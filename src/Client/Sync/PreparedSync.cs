using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// What a sync will do, decided before any row is read: the discovery, the selected tables, each table's cursor
/// selection and the objects to read. A run reads exactly <see cref="Work"/>; a dry run prints
/// <see cref="ToPlan"/>. A shard's discovery holds only the shard's objects (<see cref="Sharding.ShardAssignment.Apply"/>).
/// </summary>
internal sealed record PreparedSync(
    DiscoveryResult Discovery,
    IReadOnlyList<DiscoveredTable> Selected,
    IReadOnlyDictionary<string, IncrementalTable> Incremental,
    bool FailsTableOnUnreadableObject)
{
    /// <summary>What this shard was given of the selected tables; null when the sync is not sharded.</summary>
    public Sharding.ShardShare? Share { get; init; }

    /// <summary>Selected tables that can be synced (their schemas agree), in name order.</summary>
    public IEnumerable<DiscoveredTable> Syncable => Selected.Where(t => t.Table is not null);

    /// <summary>
    /// Objects whose footer could not be read and that stop their table under <c>error_policy: fail</c>: nothing of
    /// such a table is read and its cursor stays.
    /// </summary>
    public IEnumerable<SkippedObject> FooterStops => FailsTableOnUnreadableObject
        ? Discovery.Skipped.Where(s => !s.ByPolicy && Syncable.Any(t => t.Name == s.Table))
        : [];

    /// <summary>The objects to read of the tables not stopped, after each table's cursor.</summary>
    public IReadOnlyList<ObjectWork> Work(Func<string, bool> isStopped) =>
        [.. Syncable.Where(t => !isStopped(t.Name))
            .SelectMany(t => t.Files.Where(f => IsSelected(t.Name, f))
                .Select(f => new ObjectWork(t.Table!, f, Incremental.GetValueOrDefault(t.Name)) { Partitions = t.Partitions.ValuesOf(f.StoredObject.Key) }))];

    /// <summary>The dry run's view: what a run would read per table, and why a table would not be read.</summary>
    public SyncPlan ToPlan()
    {
        var stops = FooterStops.ToList();
        var tables = Selected.Select(table =>
        {
            var stop = stops.FirstOrDefault(s => s.Table == table.Name);
            var error = table.Error ?? (stop is null ? null : ObjectReader.StopReason(stop));
            if (error is not null || table.Table is null)
            {
                return new PlannedTable(table.Name, error, [], 0, 0);
            }

            var run = Incremental.GetValueOrDefault(table.Name);
            var toRead = table.Files.Where(f => IsSelected(table.Name, f)).Select(f => f.StoredObject).ToList();
            return new PlannedTable(table.Name, null, toRead, run?.Selection.SkippedAsSynced ?? 0, run?.Selection.SkippedAsTooYoung ?? 0)
            {
                Partitions = table.Partitions.Names,
                Replaced = run?.Mirror?.Replaced(toRead).Count ?? 0,
                Deleted = run?.Mirror?.Vanished ?? [],
            };
        }).ToList();
        return new SyncPlan(tables, Discovery.Skipped) { Ignored = Discovery.Ignored, Share = Share };
    }

    private bool IsSelected(string table, ObjectFileInfo file) =>
        !Incremental.TryGetValue(table, out var run) || run.IsSelected(file.StoredObject);
}

/// <summary>One object to read: its table, its footer facts and its table's cursor bookkeeping (null without state).</summary>
internal sealed record ObjectWork(Tables.CqTableSchema Table, ObjectFileInfo File, IncrementalTable? Incremental)
{
    /// <summary>The object's typed hive partition values, in the order of its table's partition columns.</summary>
    public IReadOnlyList<object?> Partitions { get; init; } = [];

    /// <summary>An object's average compressed row group: what the decoder holds while reading it.</summary>
    public long Weight => File.Text is null
        ? File.StoredObject.Size / Math.Max(1, File.RowGroupCount)
        // A text object streams through one batch at a time, whatever its size.
        : Math.Min(File.StoredObject.Size, Parquet.DecodeBatchSize.TargetBytes);
}
