using Apache.Arrow;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Validity bitmaps for the type conversions, which all build new data at offset 0 from data that may be a slice.
/// </summary>
internal static class ValidityBitmap
{
    /// <summary>The validity bitmap of <paramref name="data"/> re-based to offset 0 (empty when there are no nulls).</summary>
    public static (ArrowBuffer Validity, int NullCount) Rebase(ArrayData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bitmap = data.Buffers[0];
        if (bitmap.IsEmpty || data.NullCount == 0)
        {
            return (ArrowBuffer.Empty, 0);
        }

        var builder = new ArrowBuffer.BitmapBuilder(data.Length);
        var bits = bitmap.Span;
        for (var i = 0; i < data.Length; i++)
        {
            builder.Append(BitUtility.GetBit(bits, data.Offset + i));
        }

        return (builder.Build(), builder.UnsetBitCount);
    }

    /// <summary>Whether row <paramref name="index"/> of <paramref name="data"/> (counted from its offset) is valid.</summary>
    public static bool IsValid(ArrayData data, int index)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bits = data.Buffers[0].Span;
        return bits.IsEmpty || data.NullCount == 0 || BitUtility.GetBit(bits, data.Offset + index);
    }
}
