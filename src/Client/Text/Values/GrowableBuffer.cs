using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>
/// The bytes of one Arrow buffer while a column is built: an array rented from the shared pool and grown by doubling,
/// handed to the built array as is (no copy, returned to the pool when the array's last reference is disposed: see
/// <see cref="PooledBytes"/>), after which the builder rents a fresh one of the same capacity.
/// </summary>
internal struct GrowableBuffer(int capacity)
{
    private byte[] _bytes = capacity == 0 ? [] : ArrayPool<byte>.Shared.Rent(capacity);

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The byte at <paramref name="index"/>, which must have been written already.</summary>
    public readonly ref byte this[int index] => ref _bytes.AsSpan(0, Length)[index];

    /// <summary>Room for <paramref name="count"/> more bytes, to be written and then committed with <see cref="Advance"/>.</summary>
    public Span<byte> Reserve(int count)
    {
        var needed = checked(Length + count);
        if (needed > _bytes.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(64, _bytes.Length * 2)));
            _bytes.AsSpan(0, Length).CopyTo(grown);
            Return(_bytes);
            _bytes = grown;
        }

        return _bytes.AsSpan(Length, count);
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span <see cref="Reserve"/> gave.</summary>
    public void Advance(int count) => Length += count;

    /// <summary>Appends one fixed-width value.</summary>
    public void Append<T>(T value)
        where T : unmanaged
    {
        // Unsafe.SizeOf is a JIT constant; Marshal.SizeOf looks the layout up on every call, once per value.
        MemoryMarshal.Write(Reserve(Unsafe.SizeOf<T>()), in value);
        Length += Unsafe.SizeOf<T>();
    }

    /// <summary>Appends <paramref name="bytes"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>The bytes written as an Arrow buffer that owns them; the builder continues with a new array of the same capacity.</summary>
    public ArrowBuffer Build()
    {
        if (_bytes.Length == 0)
        {
            return ArrowBuffer.Empty;
        }

        var built = PooledBytes.ToArrowBuffer(new PooledBytes(_bytes, Length));
        _bytes = ArrayPool<byte>.Shared.Rent(_bytes.Length);
        Length = 0;
        return built;
    }

    /// <summary>Forgets the bytes written, keeping the array for the next ones.</summary>
    public void Clear() => Length = 0;

    /// <summary>Returns the array to the pool when the builder is done; a later append would rent again.</summary>
    public void Release()
    {
        Return(_bytes);
        _bytes = [];
        Length = 0;
    }

    private static void Return(byte[] bytes)
    {
        if (bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
