using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tests.State;

/// <summary>Builds listed objects on a whole-second clock and drives one run (select, read, advance) like a sync does.</summary>
internal static class CursorRuns
{
    /// <summary>An arbitrary, whole-second starting time for scenarios.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan Lookback = TimeSpan.FromHours(1);

    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(5);

    /// <summary>An object modified <paramref name="seconds"/> after <see cref="T0"/>, with an ETag derived from its key unless given.</summary>
    public static StoredObject At(string key, int seconds, string? etag = null) =>
        new(key, 100, T0.AddSeconds(seconds), etag ?? $"etag-{key}");

    /// <summary>One run in which every selected object is read successfully; returns the selection and the next cursor.</summary>
    public static (CursorSelection Selection, TableCursor Next) Run(TableCursor cursor, IEnumerable<StoredObject> listed, DateTimeOffset now)
    {
        var selection = CursorFilter.Select(cursor, listed, now, Settle);
        var next = selection.Advance(selection.ToRead.ToList(), [], [], Lookback);
        return (selection, next);
    }

    /// <summary>The keys selected for reading, sorted.</summary>
    public static string[] Keys(CursorSelection selection) =>
        [.. selection.ToRead.Select(obj => obj.Key).Order(StringComparer.Ordinal)];
}
