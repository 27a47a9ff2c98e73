using System.Buffers;

namespace CqSourceS3.Client.Arrow;

/// <summary>
/// The Arrow IPC bytes of one record, in an array rented from <see cref="ArrayPool{T}.Shared"/> when it is small
/// enough; <see cref="Dispose"/> gives the array back once the bytes have been sent.
/// </summary>
/// <remarks>
/// A sync encodes every row it sends, several times the Parquet bytes it reads, in records of tens to hundreds of
/// kilobytes (the sizes are in bench/RESULTS.md, "Figures cited by the code"). Fresh arrays of that size live on (or
/// straddle the threshold of) the large-object heap, which only full (gen 2) collections reclaim, so they kept the
/// collector busy; pooled arrays are reused instead (bench/RESULTS.md, run of 2026-11-24 00:30 UTC, "Pooled arrays
/// for record bytes and large reads"). Records above <see cref="MaxPooledBytes"/> (large <c>rows_per_record</c>, wide
/// rows) get a plain array, so the pool never holds on to batches of up to 64 MiB.
/// </remarks>
internal sealed class EncodedRecord : IDisposable
{
    /// <summary>Records up to this size are encoded into pooled arrays.</summary>
    public const int MaxPooledBytes = 1024 * 1024;

    private readonly int _length;
    private readonly bool _pooled;
    private byte[]? _array;

    private EncodedRecord(byte[] array, int length, bool pooled)
    {
        _array = array;
        _length = length;
        _pooled = pooled;
    }

    /// <summary>The IPC stream. Valid until <see cref="Dispose"/>: the array then goes back to the pool.</summary>
    /// <exception cref="ObjectDisposedException">The record was disposed.</exception>
    public ReadOnlyMemory<byte> Bytes => new(Array, 0, _length);

    /// <summary>
    /// The first <paramref name="length"/> bytes of <paramref name="array"/>, which the record now owns; a
    /// <paramref name="pooled"/> array goes back to <see cref="ArrayPool{T}.Shared"/> on <see cref="Dispose"/>.
    /// </summary>
    internal static EncodedRecord Adopt(byte[] array, int length, bool pooled) => new(array, length, pooled);

    /// <summary>
    /// An array of at least <paramref name="bytes"/> for a record: rented up to <see cref="MaxPooledBytes"/>, plain
    /// above. Give it back with <see cref="ReturnArray"/>, or hand it to <see cref="Adopt"/>.
    /// </summary>
    internal static (byte[] Array, bool Pooled) RentArray(int bytes) => bytes <= MaxPooledBytes
        ? (ArrayPool<byte>.Shared.Rent(bytes), true)
        : (GC.AllocateUninitializedArray<byte>(bytes), false);

    /// <summary>Gives back an array from <see cref="RentArray"/>; a plain one is left to the collector.</summary>
    internal static void ReturnArray(byte[] array, bool pooled)
    {
        if (pooled)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    /// <summary>Bytes that were encoded elsewhere; nothing goes back to a pool.</summary>
    internal static EncodedRecord Wrap(byte[] bytes) => new(bytes, bytes.Length, pooled: false);

    /// <summary>Gives a rented array back. Idempotent; the caller must be done with <see cref="Bytes"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ReturnArray(array, _pooled);
        }
    }

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(EncodedRecord));
}
