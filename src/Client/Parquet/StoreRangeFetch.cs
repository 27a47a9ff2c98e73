using System.Buffers;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// The ranged reads of a store read asynchronously (<see cref="IObjectStore.OpenRangeAsync"/>, S3): one request per
/// range, waited for synchronously because the decoder calls its stream synchronously.
/// </summary>
internal sealed class StoreRangeFetch(IObjectStore store, StoredObject obj, CancellationToken cancellationToken)
    : RangeFetch(obj, cancellationToken)
{
    /// <summary>The next row group downloads while the current one decodes.</summary>
    public override bool ReadsAhead => true;

    protected override int Read(long offset, Span<byte> destination, Memory<byte> managed) =>
        managed.IsEmpty ? ReadThroughPool(offset, destination) : Wait(offset, managed);

    protected override async Task<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var source = await store.OpenRangeAsync(Object, offset, destination.Length, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            return await source.ReadAtLeastAsync(destination, destination.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads into the decoder's native memory, which an async read cannot write to, through a pooled array: a fresh
    /// one per column chunk was a large-object allocation each time, and together they set off full garbage
    /// collections all through a sync.
    /// </summary>
    private int ReadThroughPool(long offset, Span<byte> destination)
    {
        var pooled = ArrayPool<byte>.Shared.Rent(destination.Length);
        try
        {
            var read = Wait(offset, pooled.AsMemory(0, destination.Length));
            pooled.AsSpan(0, read).CopyTo(destination);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    // Sync over async is deliberate: the decoder calls us synchronously from a dedicated or native thread.
    private int Wait(long offset, Memory<byte> destination) =>
        ReadAsync(offset, destination, CancellationToken).GetAwaiter().GetResult();
}
