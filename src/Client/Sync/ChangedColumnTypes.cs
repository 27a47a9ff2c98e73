using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Finds the columns whose type a table's schema union widened since an earlier run: the cursor says an object was
/// synced before, and that object's type for the column (for text objects: the widest type inference gave the synced
/// objects) is not the table's type now. The destination created the
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
        var textTable = table.TypedAsInferred.Count > 0;
        var synced = (textTable ? table.TypedAsInferred : table.Files).Where(f => !notSynced.Contains(f.StoredObject.Key)).ToList();
        var changes = new List<Change>();
        foreach (var column in widened)
        {
            var now = ArrowTypeText.Of(table.Table.FileSchema.GetFieldByName(column.Name).DataType);
            var change = textTable ? TextChange(column.Name, now, synced) : ObjectChange(column.Name, now, synced);
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    // A Parquet object's column has the type its footer declares, and it was synced with that type (widened to the
    // table's type of that run at most): any synced object whose type is not today's shows the change.
    private static Change? ObjectChange(string column, string now, List<ObjectFileInfo> synced)
    {
        var before = synced
            .Select(f => (f.StoredObject.Key, Field: f.Schema.GetFieldByName(column)))
            .FirstOrDefault(f => f.Field is not null && ArrowTypeText.Of(f.Field.DataType) != now);
        return before.Field is null ? null : new Change(column, ArrowTypeText.Of(before.Field.DataType), now, before.Key);
    }

    // A text object has no type of its own: the synced objects were read as the widest type inference gave any of
    // them, so that is the type the destination's column was made with.
    private static Change? TextChange(string column, string now, List<ObjectFileInfo> synced)
    {
        var typed = synced
            .Select(f => (f.StoredObject.Key, Type: f.Schema.GetFieldByName(column) is { } field ? TextTypes.Of(field) : null))
            .Where(f => f.Type is not null)
            .ToList();
        if (typed.Count == 0)
        {
            return null;
        }

        var widest = typed.Select(f => f.Type!.Value).Aggregate(TextTypes.Widen);
        var before = ArrowTypeText.Of(TextTypes.ToArrow(widest));
        return before == now ? null : new Change(column, before, now, typed.First(f => f.Type == widest).Key);
    }
}
