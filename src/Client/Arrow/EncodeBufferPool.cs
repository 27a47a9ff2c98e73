namespace CqSourceS3.Client.Arrow;

/// <summary>
/// A few reusable <see cref="MemoryStream"/>s for IPC encoding. Encoding a 64 MiB batch into a fresh stream
/// would allocate and zero a new large-object-heap buffer and regrow it several times; a pooled stream has
/// already grown, so each encode costs one write pass plus the single copy into the returned array.
/// </summary>
/// <remarks>
/// Bounded on both axes so idle memory stays small: at most <see cref="Slots"/> streams are kept, and a stream
/// that grew past <see cref="MaxRetainedCapacity"/> (a batch over the slicer's cap) is dropped rather than kept.
/// Lock-free: each slot is taken and given back with an atomic exchange.
/// </remarks>
internal static class EncodeBufferPool
{
    /// <summary>Streams larger than this are let go instead of pooled: above the 64 MiB batch cap plus headroom.</summary>
    public const int MaxRetainedCapacity = 80 * 1024 * 1024;

    /// <summary>How many streams the pool keeps.</summary>
    public static readonly int Slots = Math.Clamp(Environment.ProcessorCount, 2, 4);

    private const int InitialCapacity = 64 * 1024;

    private static readonly MemoryStream?[] Pool = new MemoryStream?[Slots];

    /// <summary>An empty stream with room for at least <paramref name="expectedBytes"/>.</summary>
    public static MemoryStream Rent(long expectedBytes)
    {
        MemoryStream? stream = null;
        for (var i = 0; i < Pool.Length && stream is null; i++)
        {
            stream = Interlocked.Exchange(ref Pool[i], null);
        }

        stream ??= new MemoryStream(InitialCapacity);
        var wanted = (int)Math.Min(expectedBytes, Array.MaxLength);
        if (stream.Capacity < wanted)
        {
            stream.Capacity = wanted;
        }

        return stream;
    }

    /// <summary>Gives a stream back; its contents are discarded.</summary>
    public static void Return(MemoryStream stream)
    {
        if (stream.Capacity > MaxRetainedCapacity)
        {
            return;
        }

        stream.SetLength(0);
        for (var i = 0; i < Pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref Pool[i], stream, null) is null)
            {
                return;
            }
        }
    }
}
