using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Evolution;

/// <summary>Builds the odd inputs the widening tests need and reads their results back as text.</summary>
internal static class EvolutionArrays
{
    /// <summary>Every cell of <paramref name="array"/> as <see cref="ArrowValueFormatter"/> renders it (<c>null</c> for nulls).</summary>
    public static List<string> Values(IArrowArray array) =>
        Enumerable.Range(0, array.Length).Select(i => ArrowValueFormatter.Format(array, i)).ToList();

    /// <summary>Every row of <paramref name="batch"/>, cells joined by <c> | </c>.</summary>
    public static List<string> Rows(RecordBatch batch) => ArrowValueFormatter.Rows(batch).ToList();

    /// <summary>
    /// The batch written with Arrow IPC and read back: the reader rebuilds every array from the bytes, so a layout that is
    /// not valid Arrow fails or reads differently.
    /// </summary>
    public static RecordBatch RoundTrip(RecordBatch batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, batch.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        stream.Position = 0;
        using var reader = new ArrowStreamReader(stream);
        var read = reader.ReadNextRecordBatch();
        Assert.NotNull(read);
        return read;
    }

    /// <summary>One column's round trip (see <see cref="RoundTrip(RecordBatch)"/>).</summary>
    public static IArrowArray RoundTrip(IArrowArray array, string name = "c")
    {
        var batch = new RecordBatch(new Schema([new Field(name, array.Data.DataType, true)], null), [array], array.Length);
        return RoundTrip(batch).Column(0);
    }

    /// <summary>Whether two buffers are views of the same memory (not merely equal bytes).</summary>
    public static bool SameMemory(ArrowBuffer a, ArrowBuffer b) => SameMemory(a.Memory, b.Memory);

    /// <summary>
    /// Whether <paramref name="a"/> (taken from a buffer before its owner was disposed: a disposed buffer no longer gives
    /// its memory) and <paramref name="b"/> start at the same address.
    /// </summary>
    public static bool SameMemory(ReadOnlyMemory<byte> a, ArrowBuffer b) => SameMemory(a, b.Memory);

    private static bool SameMemory(ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) =>
        !a.IsEmpty && Unsafe.AreSame(ref MemoryMarshal.GetReference(a.Span), ref MemoryMarshal.GetReference(b.Span));

    /// <summary>
    /// Fixed-width data straight from values and a validity per row, so a null slot can hold any value (decoders leave
    /// whatever was there).
    /// </summary>
    public static ArrayData Fixed<T>(IArrowType type, T[] values, bool[] valid)
        where T : unmanaged
    {
        var validity = new ArrowBuffer.BitmapBuilder(valid.Length);
        foreach (var bit in valid)
        {
            validity.Append(bit);
        }

        var buffer = new ArrowBuffer.Builder<T>(values.Length).Append(values).Build();
        return new ArrayData(type, values.Length, validity.UnsetBitCount, 0, [validity.Build(), buffer]);
    }

    /// <summary>A decimal128 or decimal256 array from unscaled values (null for a null), whatever their precision says.</summary>
    public static IArrowArray Decimals(IArrowType type, params BigInteger?[] unscaled)
    {
        var width = type is Decimal256Type ? 32 : 16;
        var bytes = new byte[unscaled.Length * width];
        var validity = new ArrowBuffer.BitmapBuilder(unscaled.Length);
        for (var i = 0; i < unscaled.Length; i++)
        {
            validity.Append(unscaled[i] is not null);
            var value = unscaled[i] ?? BigInteger.Zero;
            var slot = bytes.AsSpan(i * width, width);
            Assert.True(value.TryWriteBytes(slot, out var written, isUnsigned: false, isBigEndian: false));
            slot[written..].Fill(value.Sign < 0 ? byte.MaxValue : (byte)0);
        }

        var data = new ArrayData(type, unscaled.Length, validity.UnsetBitCount, 0, [validity.Build(), new ArrowBuffer(bytes)]);
        return ArrowArrayFactory.BuildArray(data);
    }
}
