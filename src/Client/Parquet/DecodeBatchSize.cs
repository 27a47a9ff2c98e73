using CqSourceS3.Client.Formats;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// How many rows the decoder produces per batch for one object, independent of <c>rows_per_record</c>: the
/// sync slices each decoded batch into records without copying.
/// </summary>
/// <remarks>
/// Every decoded batch crosses from the native reader into .NET through the Arrow C data interface, and that
/// hand-over costs the same whatever the batch's length, so decoding only <c>rows_per_record</c> rows at a time paid
/// it many times over for nothing (the sync times before and after, and the batch sizes tried, are in
/// bench/RESULTS.md, run of 2026-11-23 19:32 UTC, "What changed before this run"). The batch is also what an object
/// holds in memory while its records are sent, so its size follows the footer's uncompressed bytes per row: about <see cref="TargetBytes"/> per batch, never more than <see cref="MaxRows"/> rows (Arrow's
/// own default) and never fewer than <see cref="MinRows"/>.
/// </remarks>
internal static class DecodeBatchSize
{
    /// <summary>The most rows in one decoded batch: the Arrow Parquet reader's own default batch size.</summary>
    public const int MaxRows = 64 * 1024;

    /// <summary>The fewest rows in one decoded batch, for objects with very wide rows.</summary>
    public const int MinRows = 16;

    /// <summary>The uncompressed bytes one decoded batch aims at.</summary>
    public const long TargetBytes = 16L * 1024 * 1024;

    /// <summary>Rows per decoded batch for <paramref name="file"/>.</summary>
    public static int RowsFor(ObjectFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return RowsFor(file.RowCount, file.UncompressedBytes);
    }

    /// <summary>Rows per decoded batch for an object of <paramref name="rows"/> rows and <paramref name="uncompressedBytes"/> bytes.</summary>
    public static int RowsFor(long rows, long uncompressedBytes)
    {
        if (rows <= 0 || uncompressedBytes <= 0)
        {
            // A footer without sizes (or with a row count of 0) says nothing about row width.
            return MaxRows;
        }

        var bytesPerRow = Math.Max(1.0, (double)uncompressedBytes / rows);
        return (int)Math.Clamp(TargetBytes / bytesPerRow, MinRows, MaxRows);
    }
}
