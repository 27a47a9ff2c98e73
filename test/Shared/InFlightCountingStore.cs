using CqSourceS3.Client.Storage;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Wraps an <see cref="IObjectStore"/> and counts, per object, the ranged reads in flight: from the moment
/// <see cref="OpenRangeAsync"/> is called until the stream it returned is disposed (or the call fails). A test
/// asserts a concurrency bound on <see cref="MaxObjectsInFlight"/> while the real sync runs, and that reads stop
/// after cancellation with <see cref="ObjectsInFlight"/> and <see cref="ReadsStarted"/>.
/// </summary>
/// <remarks>
/// Each read waits <see cref="ReadDelay"/> while counted, so the reads of different objects overlap even on a small
/// machine and a missing bound shows up. The delay observes the caller's token, as a real network read would.
/// </remarks>
public sealed class InFlightCountingStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly Dictionary<string, int> _openPerObject = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _maxObjectsInFlight;
    private int _readsStarted;

    public InFlightCountingStore(IObjectStore inner, TimeSpan readDelay)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        ReadDelay = readDelay;
    }

    /// <summary>How long each ranged read is held open before the inner store is asked.</summary>
    public TimeSpan ReadDelay { get; }

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

    /// <inheritdoc />
    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        _inner.ListAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public async Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Interlocked.Increment(ref _readsStarted);
        Enter(obj.Key);
        try
        {
            await Task.Delay(ReadDelay, cancellationToken).ConfigureAwait(false);
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

    private void Enter(string key)
    {
        lock (_gate)
        {
            _openPerObject[key] = _openPerObject.GetValueOrDefault(key) + 1;
            _maxObjectsInFlight = Math.Max(_maxObjectsInFlight, _openPerObject.Count);
        }
    }

    private void Leave(string key)
    {
        lock (_gate)
        {
            if (--_openPerObject[key] == 0)
            {
                _openPerObject.Remove(key);
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
