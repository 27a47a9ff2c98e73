using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.State;

/// <summary>
/// Decides, from a table's cursor and its current listing, which objects an incremental sync reads. Pure: the time
/// is a parameter, so the same inputs always give the same selection.
/// </summary>
internal static class CursorFilter
{
    /// <summary>
    /// Splits <paramref name="listed"/> into objects to read, objects already synced, and objects too young to read.
    /// <list type="bullet">
    /// <item>Already synced (<see cref="TableCursor.HasSynced"/>): older than the cursor's window, or inside it and
    /// recorded with the same LastModified, ETag and version id.</item>
    /// <item>Too young: LastModified later than <c>now - settle</c>. Left for a later run, for two reasons: an upload
    /// stamped at its start may still be followed by others stamped earlier, and an object stamped in the future (the
    /// store's clock ahead of ours) must not lift the watermark past objects not yet written. So the watermark never
    /// passes <c>now - settle</c>; such objects are read once our clock has caught up.</item>
    /// <item>Everything else is read: newer than the watermark, a key not seen in the window (a late arrival or a
    /// second object in the watermark's second), or a rewrite (new LastModified, ETag or version id).</item>
    /// </list>
    /// </summary>
    /// <param name="cursor">The table's cursor from the previous run (<see cref="TableCursor.Empty"/> the first time).</param>
    /// <param name="listed">Every object the listing currently reports for the table.</param>
    /// <param name="now">The time the run started (UTC), from the caller's clock.</param>
    /// <param name="settle">How old an object must be before it is read; zero reads everything up to <paramref name="now"/>.</param>
    /// <param name="mustRead">
    /// Objects to read even when the cursor holds them as synced (a mirrored table's object whose version differs from
    /// the one its mirror state remembers, e.g. rewritten with its old LastModified kept); null for none.
    /// </param>
    public static CursorSelection Select(TableCursor cursor, IEnumerable<StoredObject> listed, DateTimeOffset now, TimeSpan settle, Func<StoredObject, bool>? mustRead = null)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentOutOfRangeException.ThrowIfLessThan(settle, TimeSpan.Zero);

        var settledBefore = settle >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - settle;
        var toRead = new List<StoredObject>();
        var tooYoung = new List<StoredObject>();
        var synced = 0;
        foreach (var obj in listed)
        {
            if (cursor.HasSynced(obj) && mustRead?.Invoke(obj) != true)
            {
                synced++;
            }
            else if (obj.LastModified > settledBefore)
            {
                tooYoung.Add(obj);
            }
            else
            {
                toRead.Add(obj);
            }
        }

        return new CursorSelection(cursor, toRead, tooYoung, synced);
    }
}
