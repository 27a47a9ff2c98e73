namespace CqSourceS3.Client.Tests.Sync;

/// <summary>A clock that says what the test sets, so the settle window never depends on when the test runs.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
