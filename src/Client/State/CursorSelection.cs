using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.State;

/// <summary>
/// What <see cref="CursorFilter.Select"/> decided for one table in one run, and the way to the next cursor once the
/// selected objects have been read.
/// </summary>
internal sealed class CursorSelection
{
    internal CursorSelection(TableCursor previous, IReadOnlyList<StoredObject> toRead, IReadOnlyList<StoredObject> tooYoung, int skippedAsSynced)
    {
        Previous = previous;
        ToRead = toRead;
        TooYoung = tooYoung;
        SkippedAsSynced = skippedAsSynced;
    }

    /// <summary>The cursor the selection was made from.</summary>
    public TableCursor Previous { get; }

    /// <summary>The objects to read in this run, in listing order.</summary>
    public IReadOnlyList<StoredObject> ToRead { get; }

    /// <summary>Objects not read because they are younger than the settle window; a later run reads them.</summary>
    public IReadOnlyList<StoredObject> TooYoung { get; }

    /// <summary>How many listed objects were skipped as already synced.</summary>
    public int SkippedAsSynced { get; }

    /// <summary>How many listed objects were left for a later run as too young.</summary>
    public int SkippedAsTooYoung => TooYoung.Count;

    /// <summary>
    /// The cursor to store after the run. Objects read successfully and objects that failed permanently (corrupt:
    /// re-reading cannot help, a rewrite gives them a new version and so a new read) are passed. Transient failures,
    /// the too-young objects, and any selected object reported in none of the lists (a cancelled or unfinished read)
    /// are selected again by the next run: an unreported object is treated as a gap to close, not as done.
    /// </summary>
    /// <exception cref="ArgumentException">An object reported here was not selected for reading.</exception>
    public TableCursor Advance(
        IReadOnlyCollection<StoredObject> succeeded,
        IReadOnlyCollection<StoredObject> failedTransiently,
        IReadOnlyCollection<StoredObject> failedPermanently,
        TimeSpan lookback)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        ArgumentNullException.ThrowIfNull(failedTransiently);
        ArgumentNullException.ThrowIfNull(failedPermanently);

        var selected = ToRead.ToHashSet();
        var reported = new HashSet<StoredObject>();
        foreach (var obj in succeeded.Concat(failedTransiently).Concat(failedPermanently))
        {
            // An object that was not selected (too young, already synced, or from another listing) could lift the
            // watermark past objects this run never looked at.
            if (!selected.Contains(obj))
            {
                throw new ArgumentException($"object '{obj.Key}' (LastModified {obj.LastModified:O}) was not selected for reading in this run");
            }

            reported.Add(obj);
        }

        var unfinished = ToRead.Where(obj => !reported.Contains(obj));
        var retry = failedTransiently.Concat(TooYoung).Concat(unfinished);
        return Previous.Advance(succeeded.Concat(failedPermanently), retry, lookback);
    }
}
