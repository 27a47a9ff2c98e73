using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace CqSourceS3.Client.Text;

/// <summary>
/// The bytes of one Arrow buffer while a column is built: managed memory grown by doubling, handed to the built array
/// as is (no copy), after which the builder starts a fresh one of the same capacity.
/// </summary>
internal struct GrowableBuffer(int capacity)
{
    private byte[] _bytes = capacity == 0 ? [] : GC.AllocateUninitializedArray<byte>(capacity);

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
            var grown = GC.AllocateUninitializedArray<byte>(Math.Max(needed, Math.Max(64, _bytes.Length * 2)));
            _bytes.AsSpan(0, Length).CopyTo(grown);
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

    /// <summary>The bytes written as an Arrow buffer; the builder continues with a new array of the same capacity.</summary>
    public ArrowBuffer Build()
    {
        var built = new ArrowBuffer(new ReadOnlyMemory<byte>(_bytes, 0, Length));
        _bytes = _bytes.Length == 0 ? [] : GC.AllocateUninitializedArray<byte>(_bytes.Length);
        Length = 0;
        return built;
    }
}
