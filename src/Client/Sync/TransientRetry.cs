using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Decides whether a failed object read is tried again, and how long to wait first.
/// Only <see cref="StoreFailure.Transient"/> store failures (throttling, timeouts, 5xx) and
/// <see cref="ParquetFailure.Transient"/> read failures (memory, threads, open files, local I/O) are retried, and only while
/// no row of the object was sent yet: a retry after rows were sent would send them a second time.
/// Delays grow exponentially from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>, with full jitter so that
/// parallel readers hit by the same throttling do not retry in lockstep.
/// </summary>
internal sealed class TransientRetry
{
    /// <summary>Three retries waiting up to 0.2 s, 0.4 s, 0.8 s: enough to ride out a short throttling burst.</summary>
    public static TransientRetry Default { get; } = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>Creates a policy.</summary>
    /// <param name="maxRetries">How many times a read is tried again after its first attempt (0 disables retries).</param>
    /// <param name="firstDelay">The upper bound of the wait before the first retry.</param>
    /// <param name="maxDelay">The cap on any single wait.</param>
    public TransientRetry(int maxRetries, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, firstDelay);
        MaxRetries = maxRetries;
        FirstDelay = firstDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>How many times a read is tried again after its first attempt.</summary>
    public int MaxRetries { get; }

    /// <summary>The upper bound of the wait before the first retry.</summary>
    public TimeSpan FirstDelay { get; }

    /// <summary>The cap on any single wait.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>True when the read that failed with <paramref name="error"/> should be tried again.</summary>
    /// <param name="error">What the read threw.</param>
    /// <param name="retriesSoFar">How many retries this object already had.</param>
    /// <param name="rowsSent">How many rows of the object were already sent; any row sent rules a retry out.</param>
    public bool ShouldRetry(Exception error, int retriesSoFar, long rowsSent) =>
        rowsSent == 0 && retriesSoFar < MaxRetries
        && error is StoreException { Failure: StoreFailure.Transient } or ParquetReadException { Failure: ParquetFailure.Transient };

    /// <summary>The upper bound of the wait before retry number <paramref name="retry"/> (0-based).</summary>
    public TimeSpan CeilingFor(int retry)
    {
        var ticks = FirstDelay.Ticks * Math.Pow(2, Math.Min(retry, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, MaxDelay.Ticks));
    }

    /// <summary>Waits a random time between zero and <see cref="CeilingFor"/> before retry number <paramref name="retry"/>.</summary>
    public Task WaitAsync(int retry, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Jitter is for spreading load, not security: a shared non-cryptographic generator is right here.
#pragma warning disable CA5394
        var delay = TimeSpan.FromTicks((long)(CeilingFor(retry).Ticks * Random.Shared.NextDouble()));
#pragma warning restore CA5394
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, clock, cancellationToken);
    }
}
