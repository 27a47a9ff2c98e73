using System.Buffers;
using System.Runtime.CompilerServices;
using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>
/// The bytes of one built Arrow buffer, in an array rented from the shared pool and returned to it when the last
/// array sharing the buffer is disposed (Arrow counts the references that slices and records take with
/// <c>Retain</c>, and disposes the owner once). Text columns are rebuilt for every batch, and arrays allocated new
/// each time were mostly larger than the large-object threshold: every batch paid for them in full collections.
/// </summary>
internal sealed class PooledBytes : IMemoryOwner<byte>
{
    private readonly int _length;
    private byte[]? _array;

    /// <summary>Takes <paramref name="array"/> (rented from <see cref="ArrayPool{T}.Shared"/>), of which the first <paramref name="length"/> bytes are the buffer.</summary>
    public PooledBytes(byte[] array, int length)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, array.Length);
        _array = array;
        _length = length;
    }

    /// <summary>
    /// An Arrow buffer that owns <paramref name="bytes"/> and disposes it with its last reference. Arrow builds such
    /// buffers for its own allocators with a constructor it does not make public; the only public alternative,
    /// <c>ArrowBuffer.Clone</c> into an allocator, copies every buffer once more. PooledBytesTests fails if an
    /// upgrade of Apache.Arrow removes the constructor or changes how it disposes the owner.
    /// </summary>
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    public static extern ArrowBuffer ToArrowBuffer(IMemoryOwner<byte> bytes);

    /// <summary>Whether the array went back to the pool.</summary>
    public bool IsReturned => Volatile.Read(ref _array) is null;

    public Memory<byte> Memory => Volatile.Read(ref _array) is { } array
        ? array.AsMemory(0, _length)
        : throw new ObjectDisposedException(nameof(PooledBytes), "The buffer was released: an Arrow array was used after its last reference was disposed.");

    /// <summary>Returns the array to the pool; once, whoever calls it first.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
