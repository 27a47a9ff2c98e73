namespace CqSourceS3.Client.Parquet;

/// <summary>
/// The bytes all objects together may hold in row-group read-ahead (<see cref="ReadAheadSlot"/>). A read-ahead that
/// does not fit is not made: that row group is fetched when the decoder asks for it, as without read-ahead, so memory
/// stays bounded whatever the objects' row-group sizes and however many objects are read at once.
/// </summary>
internal sealed class ReadAheadBudget(long bytes)
{
    /// <summary>
    /// The plugin's budget: a few row groups of a typical writer (128 MiB at most, usually far less) on top of what the
    /// decoders hold, within the default spec's peak-memory target (400 MB; bench/RESULTS.md).
    /// </summary>
    public static ReadAheadBudget Shared { get; } = new(192L * 1024 * 1024);

    private long _available = bytes;

    /// <summary>Takes <paramref name="bytes"/> when that many are free; false leaves the budget as it was.</summary>
    public bool TryReserve(long bytes)
    {
        while (true)
        {
            var available = Interlocked.Read(ref _available);
            if (bytes > available)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _available, available - bytes, available) == available)
            {
                return true;
            }
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _available, bytes);

    /// <summary>What is free now (for tests).</summary>
    public long Available => Interlocked.Read(ref _available);
}
