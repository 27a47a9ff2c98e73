using System.Diagnostics;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// Makes the Sync client a slow consumer (issue #21): after each message, it waits <see cref="Slowdown"/> − 1 times as
/// long as receiving and decoding that message took, so it reads at 1 ÷ <see cref="Slowdown"/> of its own speed and
/// gRPC's flow control has to hold the plugin back. The waits are owed and paid in sleeps of at least
/// <see cref="MinimumSleep"/>: a message takes a fraction of a millisecond, less than a timer can sleep, so sleeping
/// per message would overshoot every time. What a sleep overshoots is paid back from the next debt, so the total wait
/// matches the total owed over a sync.
/// </summary>
internal sealed class ReadPacing(double slowdown)
{
    /// <summary>Timers on Linux wake about a millisecond late; a few milliseconds per sleep keep that error small.</summary>
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromMilliseconds(4);

    private long _since;
    private TimeSpan _owed;

    /// <summary>3: the client reads at a third of its speed.</summary>
    public double Slowdown { get; } = slowdown > 1 ? slowdown : throw new ArgumentOutOfRangeException(nameof(slowdown), "a slowdown must be above 1");

    /// <summary>Total time spent waiting, for the bench's log.</summary>
    public TimeSpan Waited { get; private set; }

    /// <summary>Starts the clock of the first message: call it just before the response stream is read.</summary>
    public void Start() => _since = Stopwatch.GetTimestamp();

    /// <summary>
    /// Called once a message was received and decoded: owes (slowdown − 1) × the time since the last call, sleeps
    /// when enough is owed, and restarts the clock after the sleep, so the next message's time excludes it.
    /// </summary>
    public async Task AfterMessageAsync(CancellationToken cancellationToken)
    {
        _owed += Stopwatch.GetElapsedTime(_since) * (Slowdown - 1);
        if (_owed >= MinimumSleep)
        {
            var asleep = Stopwatch.GetTimestamp();
            await Task.Delay(_owed, cancellationToken).ConfigureAwait(false);
            var slept = Stopwatch.GetElapsedTime(asleep);
            _owed -= slept;
            Waited += slept;
        }

        _since = Stopwatch.GetTimestamp();
    }
}
