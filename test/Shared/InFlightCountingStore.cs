using CqSourceS3.Client.Storage;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Wraps an <see cref="IObjectStore"/> and counts, per object, the ranged reads in flight: from the moment
/// <see cref="OpenRangeAsync"/> is called until the stream it returned is disposed (or the call fails). A test
/// asserts a concurrency bound on <see cref="MaxObjectsInFlight"/> while the real sync runs, and that reads stop
/// after cancellation with <see cref="ObjectsInFlight"/> and <see cref="ReadsStarted"/>.
/// </summary>
/// <remarks>
/// Nothing here waits for a time to pass, so a loaded machine changes how long a test takes, never what it sees.
/// Overlap is made certain with a latch: <see cref="HoldUntilObjectsInFlight"/> holds every read until that many objects
/// had a read in flight at once, so a sync that can read that many objects at a time provably did. A sync that
/// cannot never opens the latch; after <see cref="HoldLimit"/> (a hang guard, not a measurement) the reads go on
/// and the test's assertion on <see cref="MaxObjectsInFlight"/> fails. <see cref="StallFromNow"/> makes every later
/// read wait until its caller cancels it, so a test can stop the sync at a known point. Held and stalled reads
/// observe the caller's token, as a real network read would.
/// </remarks>
public sealed class InFlightCountingStore : IObjectStore
{
    /// <summary>How long a read waits at the latch before going on anyway: far beyond any wait a working sync causes.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(30);

    private readonly IObjectStore _inner;
    private readonly Dictionary<string, int> _openPerObject = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _overlapReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _idle;
    private int _holdUntil;
    private int _maxObjectsInFlight;
    private int _readsStarted;
    private volatile bool _stalled;

    public InFlightCountingStore(IObjectStore inner)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <inheritdoc />
    public string Location => _inner.Location;

    /// <summary>Objects that have at least one ranged read in flight now.</summary>
    public int ObjectsInFlight
    {
        get
        {
            lock (_gate)
            {
                return _openPerObject.Count;
            }
        }
    }

    /// <summary>The most objects that had a ranged read in flight at the same time.</summary>
    public int MaxObjectsInFlight => Volatile.Read(ref _maxObjectsInFlight);

    /// <summary>Starts <see cref="MaxObjectsInFlight"/> over, e.g. once discovery is done and data reads begin.</summary>
    public void ResetMaxObjectsInFlight() => Volatile.Write(ref _maxObjectsInFlight, 0);

    /// <summary>Ranged reads requested so far.</summary>
    public int ReadsStarted => Volatile.Read(ref _readsStarted);

    /// <summary>
    /// Holds every read (from now on, and those already waiting) until <paramref name="objects"/> objects had a read in
    /// flight at once; from then on reads pass at once. Call before the sync starts.
    /// </summary>
    public void HoldUntilObjectsInFlight(int objects)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(objects, 1);
        lock (_gate)
        {
            _holdUntil = objects;
            if (_openPerObject.Count >= objects)
            {
                _overlapReached.TrySetResult();
            }
        }
    }

    /// <summary>Every read that starts from now on waits until its caller cancels it (the reads already open go on).</summary>
    public void StallFromNow() => _stalled = true;

    /// <summary>Waits until no read is in flight, at most <paramref name="limit"/>; true when none is.</summary>
    public async Task<bool> WaitUntilIdleAsync(TimeSpan limit)
    {
        Task idle;
        lock (_gate)
        {
            if (_openPerObject.Count == 0)
            {
                return true;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return ObjectsInFlight == 0;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        _inner.ListAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public async Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Interlocked.Increment(ref _readsStarted);
        var stalled = _stalled;
        Enter(obj.Key);
        try
        {
            if (stalled)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }

            await HoldAsync(cancellationToken).ConfigureAwait(false);
            var inner = await _inner.OpenRangeAsync(obj, offset, length, cancellationToken).ConfigureAwait(false);
            return new CountedStream(inner, () => Leave(obj.Key));
        }
        catch
        {
            Leave(obj.Key);
            throw;
        }
    }

    /// <inheritdoc />
    public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken) => _inner.CheckAccessAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private async Task HoldAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _holdUntil) == 0 || _overlapReached.Task.IsCompleted)
        {
            return;
        }

        try
        {
            await _overlapReached.Task.WaitAsync(HoldLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The sync never had that many objects in flight: let it finish, so its assertion fails instead of a hang.
            _overlapReached.TrySetResult();
        }
    }

    private void Enter(string key)
    {
        lock (_gate)
        {
            _openPerObject[key] = _openPerObject.GetValueOrDefault(key) + 1;
            _maxObjectsInFlight = Math.Max(_maxObjectsInFlight, _openPerObject.Count);
            if (_holdUntil > 0 && _openPerObject.Count >= _holdUntil)
            {
                _overlapReached.TrySetResult();
            }
        }
    }

    private void Leave(string key)
    {
        lock (_gate)
        {
            if (--_openPerObject[key] == 0)
            {
                _openPerObject.Remove(key);
                if (_openPerObject.Count == 0)
                {
                    _idle?.TrySetResult();
                    _idle = null;
                }
            }
        }
    }

    /// <summary>Passes reads through and reports its disposal once.</summary>
    private sealed class CountedStream(Stream inner, Action onDispose) : Stream
    {
        private int _disposed;

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                inner.Dispose();
                onDispose();
            }

            base.Dispose(disposing);
        }
    }
}
