using System.Collections.ObjectModel;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.State;

/// <summary>
/// Where one table's incremental sync stands, as an immutable value stored under one state key (format in
/// <see cref="TableCursorFormat"/>). CloudQuery's contract for incremental tables is at-least-once: duplicates are
/// allowed, gaps never. A bare "LastModified &gt; watermark" cursor has gaps, because S3 times are whole seconds and
/// stamp the start of an upload, so an object can become visible after the watermark has passed its time.
/// <para>
/// Invariant: every object ever synced has LastModified &lt;= <see cref="Watermark"/>, and every object synced with
/// LastModified in [<see cref="WindowStart"/>, <see cref="Watermark"/>] is in <see cref="Recent"/> with the exact
/// version read. So an object newer than the watermark is new, one inside the window is new unless
/// <see cref="Recent"/> holds that very version, and one older than the window is taken as synced.
/// </para>
/// </summary>
internal sealed class TableCursor
{
    private TableCursor(DateTimeOffset? watermark, DateTimeOffset? windowStart, IReadOnlyDictionary<string, SyncedObject> recent)
    {
        Watermark = watermark;
        WindowStart = windowStart;
        Recent = recent;
    }

    /// <summary>No sync has completed yet: every object is new.</summary>
    public static TableCursor Empty { get; } = new(null, null, new Dictionary<string, SyncedObject>(StringComparer.Ordinal).AsReadOnly());

    /// <summary>The highest LastModified of any object synced (UTC); null for <see cref="Empty"/>. Never moves backwards.</summary>
    public DateTimeOffset? Watermark { get; }

    /// <summary>
    /// The oldest LastModified for which <see cref="Recent"/> is complete (UTC); null for <see cref="Empty"/>.
    /// Normally <c>Watermark - lookback</c>; held lower while an object in the window still has to be retried.
    /// </summary>
    public DateTimeOffset? WindowStart { get; }

    /// <summary>Every key synced with LastModified in [<see cref="WindowStart"/>, <see cref="Watermark"/>], with the version read.</summary>
    public IReadOnlyDictionary<string, SyncedObject> Recent { get; }

    /// <summary>Whether nothing has been synced yet.</summary>
    public bool IsEmpty => Watermark is null;

    /// <summary>
    /// Reads a stored value: null or "" is <see cref="Empty"/> (the table was never synced).
    /// </summary>
    /// <exception cref="CursorStateException">The value is not a valid cursor; the message names <paramref name="stateKey"/>.</exception>
    public static TableCursor Parse(string stateKey, string? value) => TableCursorFormat.Parse(stateKey, value);

    /// <summary>
    /// A cursor from its parts; the caller has checked the invariant's shape (both times or neither, window
    /// start &lt;= watermark, every entry inside the window), which this re-checks as a guard.
    /// </summary>
    internal static TableCursor Create(DateTimeOffset? watermark, DateTimeOffset? windowStart, IDictionary<string, SyncedObject> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        if (watermark is null != windowStart is null || windowStart > watermark)
        {
            throw new ArgumentException("a cursor needs both a watermark and a window start not after it, or neither");
        }

        if (recent.Values.Any(entry => entry.LastModified < windowStart || entry.LastModified > watermark) || (watermark is null && recent.Count > 0))
        {
            throw new ArgumentException("every recent entry must lie inside [window start, watermark]", nameof(recent));
        }

        var copy = new Dictionary<string, SyncedObject>(recent, StringComparer.Ordinal);
        return new TableCursor(watermark?.ToUniversalTime(), windowStart?.ToUniversalTime(), new ReadOnlyDictionary<string, SyncedObject>(copy));
    }

    /// <summary>
    /// Whether <paramref name="obj"/> is already synced: older than the window, or inside it and recorded in
    /// <see cref="Recent"/> as exactly this version. Everything else (newer than the watermark, a key never seen, a
    /// rewrite) must be read.
    /// </summary>
    public bool HasSynced(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (Watermark is not { } watermark)
        {
            return false;
        }

        if (obj.LastModified < WindowStart)
        {
            return true;
        }

        return obj.LastModified <= watermark && Recent.TryGetValue(obj.Key, out var synced) && synced.Matches(obj);
    }

    /// <summary>
    /// The cursor after a run. <paramref name="passed"/> are objects that need no further read (read, or corrupt and
    /// so skipped until rewritten); <paramref name="retry"/> are objects that must be selected again by the next run
    /// (transient failures, objects too young to read, anything not finished). A key in both counts as retry.
    /// <para>
    /// The watermark becomes the highest LastModified passed and never moves backwards. Instead of lowering it for a
    /// retry (which would re-read everything above), the window start is held at or below each retry's LastModified, so
    /// the retry sits inside the window, absent from <see cref="Recent"/>, and is selected again. Otherwise the window
    /// start becomes <c>watermark - lookback</c>, but never earlier than the previous window start: below it the
    /// previous cursor knows no keys, so a longer lookback takes effect as the watermark moves on, without re-reading
    /// old objects. Entries older than the new window are dropped, so the state holds only the window's keys.
    /// </para>
    /// </summary>
    public TableCursor Advance(IEnumerable<StoredObject> passed, IEnumerable<StoredObject> retry, TimeSpan lookback)
    {
        ArgumentNullException.ThrowIfNull(passed);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, TimeSpan.Zero);

        var retries = retry.ToList();
        var retryKeys = retries.Select(obj => obj.Key).ToHashSet(StringComparer.Ordinal);
        var done = passed.Where(obj => !retryKeys.Contains(obj.Key)).ToList();

        var watermark = done.Select(obj => (DateTimeOffset?)obj.LastModified.ToUniversalTime()).Append(Watermark).Max();
        if (watermark is not { } newWatermark)
        {
            return this;
        }

        var windowStart = Earliest(newWatermark, lookback);
        if (WindowStart > windowStart)
        {
            windowStart = WindowStart.Value;
        }

        foreach (var obj in retries.Where(obj => obj.LastModified <= newWatermark && obj.LastModified < windowStart))
        {
            windowStart = obj.LastModified.ToUniversalTime();
        }

        var recent = new Dictionary<string, SyncedObject>(StringComparer.Ordinal);
        foreach (var (key, synced) in Recent.Where(entry => entry.Value.LastModified >= windowStart))
        {
            recent[key] = synced;
        }

        foreach (var obj in done)
        {
            if (obj.LastModified >= windowStart)
            {
                recent[obj.Key] = SyncedObject.From(obj);
            }
            else
            {
                // Read below the window: it is synced by being older than the window, and an entry of an older read
                // of the same key must not claim a version that the store no longer lists.
                recent.Remove(obj.Key);
            }
        }

        return Create(newWatermark, windowStart, recent);
    }

    /// <summary>The value to store: the JSON text of <see cref="TableCursorFormat"/>.</summary>
    public override string ToString() => TableCursorFormat.Write(this);

    /// <summary><c>watermark - lookback</c>, clamped to the earliest representable time for huge lookbacks.</summary>
    private static DateTimeOffset Earliest(DateTimeOffset watermark, TimeSpan lookback) =>
        lookback >= watermark - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : watermark - lookback;
}
