using Apache.Arrow;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// The 64-bit offsets of <c>large_utf8</c>, <c>large_binary</c> and <c>large_list</c> from the 32-bit offsets of their
/// narrow forms. The offsets keep their values and positions, so the result keeps the source's
/// <see cref="ArrayData.Offset"/> and shares its validity bitmap and its data buffer or child as they are.
/// </summary>
/// <remarks>
/// A slice's offsets are not re-based to start at 0: that would need the data buffer sliced, and an
/// <see cref="ArrowBuffer"/> cannot be a slice that keeps its memory alive without a copy. Nor may they start past 0 in an
/// array at offset 0: valid Arrow, but Apache.Arrow's IPC writer (23.0) re-bases the offsets only of arrays with a
/// non-zero offset and would send the wrong bytes. So the rows before a slice get offsets too; decoded batches start at 0.
/// </remarks>
internal static class OffsetWidener
{
    /// <summary>The first <c>Offset + Length + 1</c> offsets of <paramref name="data"/> as 64-bit values.</summary>
    public static ArrowBuffer Widen(ArrayData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var count = data.Offset + data.Length + 1;
        var offsets = new ArrowBuffer.Builder<long>(count).Resize(count);
        var into = offsets.Span;
        var narrow = data.Buffers[1].Span.CastTo<int>();
        if (narrow.IsEmpty)
        {
            // Arrow lets an empty array omit its offsets; the wide form gets the zeros it needs.
            into[..count].Clear();
            return offsets.Build();
        }

        for (var i = 0; i < count; i++)
        {
            into[i] = narrow[i];
        }

        return offsets.Build();
    }
}
