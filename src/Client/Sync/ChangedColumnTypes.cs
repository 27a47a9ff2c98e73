using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Finds the columns whose type a table's schema union widened since an earlier run: the cursor says an object was
/// synced before, and that object's type for the column is not the table's type now. The destination created the
/// column with the old type, and CloudQuery destinations change a column's type only under
/// <c>migrate_mode: forced</c>, so the user must hear of it. A new column needs no warning: <c>safe</c> adds it.
/// </summary>
internal static class ChangedColumnTypes
{
    /// <summary>One changed column: its type in an already synced object (named) and its type now.</summary>
    internal sealed record Change(string Column, string OldType, string NewType, string Key);

    public static IReadOnlyList<Change> Of(DiscoveredTable table, IncrementalTable run)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(run);
        var widened = table.Evolution.Where(c => c.WidenedFrom.Count > 0).ToList();
        if (widened.Count == 0 || table.Table is null)
        {
            return [];
        }

        var notSynced = run.Selection.ToRead.Concat(run.Selection.TooYoung).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var synced = table.Files.Where(f => !notSynced.Contains(f.StoredObject.Key)).ToList();
        var changes = new List<Change>();
        foreach (var column in widened)
        {
            var now = ArrowTypeText.Of(table.Table.FileSchema.GetFieldByName(column.Name).DataType);
            var before = synced
                .Select(f => (f.StoredObject.Key, Field: f.Schema.GetFieldByName(column.Name)))
                .FirstOrDefault(f => f.Field is not null && ArrowTypeText.Of(f.Field.DataType) != now);
            if (before.Field is not null)
            {
                changes.Add(new Change(column.Name, ArrowTypeText.Of(before.Field.DataType), now, before.Key));
            }
        }

        return changes;
    }
}
