using Apache.Arrow;

namespace CqSourceS3.Client.Arrow;

/// <summary>
/// Cuts a record batch into zero-copy slices of at most N rows and at most B estimated bytes, so that every
/// Insert stays well under the protocol's 100 MiB per-message limit (the Go SDK silently drops a larger one).
/// </summary>
internal static class RecordBatchSlicer
{
    /// <summary>The default byte cap per slice: far enough below 100 MiB to absorb estimate error and headers.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The slices of <paramref name="batch"/>, in row order, each of at most <paramref name="maxRows"/> rows and
    /// <paramref name="maxBytes"/> estimated bytes; a single row larger than <paramref name="maxBytes"/> goes
    /// out alone. An empty batch yields nothing.
    /// </summary>
    /// <remarks>
    /// Each slice shares the batch's buffers and holds its own reference to them: the caller disposes every
    /// slice and, separately, <paramref name="batch"/>. Slices are cut lazily as the sequence is walked.
    /// </remarks>
    public static IEnumerable<RecordBatch> Slice(RecordBatch batch, int maxRows, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return SliceIterator(batch, maxRows, maxBytes);
    }

    /// <summary>How many rows from <paramref name="start"/> the next slice takes (at least one).</summary>
    internal static int NextSliceLength(RecordBatch batch, int start, int maxRows, long maxBytes)
    {
        var limit = Math.Min(maxRows, batch.Length - start);
        if (ArrowSizeEstimator.Estimate(batch, start, limit) <= maxBytes)
        {
            return limit;
        }

        // The estimate only grows with the row count: find the largest count that still fits.
        int low = 1, high = limit - 1, best = 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (ArrowSizeEstimator.Estimate(batch, start, middle) <= maxBytes)
            {
                best = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best;
    }

    private static IEnumerable<RecordBatch> SliceIterator(RecordBatch batch, int maxRows, long maxBytes)
    {
        var start = 0;
        while (start < batch.Length)
        {
            var length = NextSliceLength(batch, start, maxRows, maxBytes);
            yield return batch.SliceShared(start, length);
            start += length;
        }
    }
}
