using System.Diagnostics;

namespace CqSourceS3.Bench.Store;

/// <summary>
/// A byte rate shared by every connection of a proxy: a token bucket that refills at <see cref="BytesPerSecond"/>
/// and holds at most <see cref="Burst"/>. A taker reserves its bytes at once, even into debt, and then waits until
/// the debt is paid, so takers queue in the order they came and the long-run rate is exact whatever the timer does:
/// a sleep that wakes late leaves its tokens in the bucket for the next taker. The burst is what makes that hold:
/// it must outlast a late wake-up (a millisecond or a few on a busy machine), and it lets an idle link bank no more
/// than about 8 ms of transfer at a gigabit.
/// </summary>
internal sealed class TokenBucket
{
    /// <summary>1 Gbit/s: issue #21's link between the plugin and the store.</summary>
    public const long Gigabit = 125_000_000;

    private readonly Lock _lock = new();
    private double _tokens;
    private long _refilledAt = Stopwatch.GetTimestamp();

    public TokenBucket(long bytesPerSecond, long burst = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        BytesPerSecond = bytesPerSecond;
        Burst = burst;
        _tokens = burst;
    }

    public long BytesPerSecond { get; }

    public long Burst { get; }

    /// <summary>Takes <paramref name="bytes"/> and returns once the rate allows them to be sent.</summary>
    public Task TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        double debt;
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (Stopwatch.GetElapsedTime(_refilledAt, now).TotalSeconds * BytesPerSecond));
            _refilledAt = now;
            _tokens -= bytes;
            debt = -_tokens;
        }

        return debt <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(debt / BytesPerSecond), cancellationToken);
    }
}
