using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Every ranged read of one object, whatever the store: the one place that counts requests and bytes and keeps the
/// first failure, for <see cref="RangedObjectStream"/>. How the bytes are read is up to the store's kind: straight into
/// any memory for a local folder (<see cref="DirectRangeFetch"/>), asynchronously for S3 (<see cref="StoreRangeFetch"/>).
/// </summary>
/// <remarks>
/// The synchronous fetches and <see cref="Remember"/> are called under the stream's lock; only the counters are also
/// touched by read-aheads running in the background, so those are interlocked.
/// </remarks>
internal abstract class RangeFetch
{
    private long _bytesFetched;
    private int _requestCount;

    protected RangeFetch(StoredObject obj, CancellationToken cancellationToken)
    {
        Object = obj;
        CancellationToken = cancellationToken;
    }

    /// <summary>Bytes received from the store so far.</summary>
    public long BytesFetched => Interlocked.Read(ref _bytesFetched);

    /// <summary>How many ranged reads were sent to the store.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>The first exception a ranged read threw (store failure, cancellation), if any.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>
    /// False when the next row group is better not fetched ahead (<see cref="RangedObjectStream.ReadAheadNextRowGroup"/>).
    /// </summary>
    public abstract bool ReadsAhead { get; }

    protected StoredObject Object { get; }

    /// <summary>The token of the stream's reads; a read-ahead gets a token of its own.</summary>
    protected CancellationToken CancellationToken { get; }

    /// <summary>The fetch for <paramref name="obj"/> in <paramref name="store"/>: direct when the store can fill any memory.</summary>
    public static RangeFetch For(IObjectStore store, StoredObject obj, CancellationToken cancellationToken) =>
        store is IDirectRangeReader direct
            ? new DirectRangeFetch(direct, obj, cancellationToken)
            : new StoreRangeFetch(store, obj, cancellationToken);

    /// <summary>
    /// Fetches the bytes from <paramref name="offset"/> into memory lent only for this call, such as the decoder's
    /// native buffers.
    /// </summary>
    public void Fetch(long offset, Span<byte> destination) => Fetch(offset, destination, Memory<byte>.Empty);

    /// <summary>
    /// Fetches the bytes from <paramref name="offset"/> into a managed buffer the caller keeps (its block), which a
    /// store read asynchronously fills as it is, without a pooled array.
    /// </summary>
    public void Fetch(long offset, Memory<byte> destination) => Fetch(offset, destination.Span, destination);

    /// <summary>
    /// A read-ahead's fetch, counted as a request like any other. Its failure is not remembered here: the read that
    /// needs those bytes fails with it (and remembers it), and a read-ahead nobody needs fails nothing.
    /// </summary>
    public Task FetchAheadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        return Task.Run(() => FetchInBackgroundAsync(offset, destination, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Keeps <paramref name="error"/> as <see cref="Failure"/> unless an earlier failure is kept: the first is the
    /// cause, the later ones mostly its consequences.
    /// </summary>
    public void Remember(Exception error) => Failure ??= error;

    /// <summary>Reads synchronously; returns how many bytes came, fewer only when the object ended first.</summary>
    /// <param name="offset">The object offset of the first byte.</param>
    /// <param name="destination">Where the bytes go; its length is how many are asked for.</param>
    /// <param name="managed">
    /// The same memory as <paramref name="destination"/> when the caller has it as a managed buffer, else empty.
    /// </param>
    protected abstract int Read(long offset, Span<byte> destination, Memory<byte> managed);

    /// <summary>Reads as <see cref="Read"/> does, asynchronously, for a read-ahead (only when <see cref="ReadsAhead"/>).</summary>
    protected abstract Task<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);

    private void Fetch(long offset, Span<byte> destination, Memory<byte> managed)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        try
        {
            CancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _requestCount);
            Received(offset, destination.Length, Read(offset, destination, managed));
        }
        catch (Exception e)
        {
            // Prefetch (before the decoder exists) fails here too.
            Remember(e);
            throw;
        }
    }

    private async Task FetchInBackgroundAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(offset, destination, cancellationToken).ConfigureAwait(false);
        Received(offset, destination.Length, read);
    }

    private void Received(long offset, int wanted, int read)
    {
        Interlocked.Add(ref _bytesFetched, read);
        if (read < wanted)
        {
            throw ShortRead.Of(Object.Key, offset, read, wanted);
        }
    }
}
