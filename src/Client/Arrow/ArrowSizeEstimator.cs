using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Arrow;

/// <summary>
/// Estimates how many body bytes a range of rows adds to an IPC record batch, from buffer sizes and offsets only:
/// no per-row work, so the slicer can binary-search for a cut. Variable-width and nested columns count exactly
/// the value bytes their offsets cover (what the IPC writer emits for a slice); the estimate leaves out the
/// writer's 8-byte padding and the message header, which are small and bounded.
/// </summary>
internal static class ArrowSizeEstimator
{
    /// <summary>The bytes of rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1 of every column.</summary>
    public static long Estimate(RecordBatch batch, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long total = 0;
        for (var i = 0; i < batch.ColumnCount; i++)
        {
            var column = batch.Column(i);
            total += Estimate(column is ExtensionArray extension ? extension.Storage.Data : column.Data, start, count);
        }

        return total;
    }

    /// <summary>The bytes of <paramref name="count"/> rows of <paramref name="data"/> from logical row <paramref name="start"/>.</summary>
    public static long Estimate(ArrayData data, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count <= 0)
        {
            return 0;
        }

        var row = data.Offset + start;
        var type = data.DataType is ExtensionType extension ? extension.StorageType : data.DataType;
        return Validity(data, count) + type switch
        {
            NullType => 0,
            DictionaryType dictionary => (count * (long)((FixedWidthType)dictionary.IndexType).BitWidth / 8)
                + Whole(data.Dictionary),
            StringType or BinaryType => (4L * count) + Span32(data, row, count),
            LargeStringType or LargeBinaryType => (8L * count) + Span64(data, row, count),
            StringViewType or BinaryViewType => (16L * count) + VariadicBytes(data),
            ListType or MapType => (4L * count) + Child32(data, row, count),
            LargeListType => (8L * count) + Child64(data, row, count),
            FixedSizeListType fixedList => Estimate(data.Children[0], row * fixedList.ListSize, count * fixedList.ListSize),
            StructType => data.Children.Sum(child => Estimate(child, row, count)),
            FixedWidthType fixedWidth => ((count * (long)fixedWidth.BitWidth) + 7) / 8,
            // List views, unions and run-end encoding: rare in Parquet; the writer may emit whole children.
            _ => (8L * count) + (data.Children?.Sum(Whole) ?? 0),
        };
    }

    private static long Validity(ArrayData data, int count) =>
        data.Buffers is { Length: > 0 } buffers && !buffers[0].IsEmpty ? (count + 7) / 8 : 0;

    private static long Whole(ArrayData? data) => data is null ? 0 : Estimate(data, 0, data.Length);

    private static long Span32(ArrayData data, int row, int count)
    {
        var offsets = data.Buffers[1].Span.CastTo<int>();
        return offsets[row + count] - offsets[row];
    }

    private static long Span64(ArrayData data, int row, int count)
    {
        var offsets = data.Buffers[1].Span.CastTo<long>();
        return offsets[row + count] - offsets[row];
    }

    private static long Child32(ArrayData data, int row, int count)
    {
        var offsets = data.Buffers[1].Span.CastTo<int>();
        return Estimate(data.Children[0], offsets[row], offsets[row + count] - offsets[row]);
    }

    private static long Child64(ArrayData data, int row, int count)
    {
        var offsets = data.Buffers[1].Span.CastTo<long>();
        return Estimate(data.Children[0], checked((int)offsets[row]), checked((int)(offsets[row + count] - offsets[row])));
    }

    // The IPC writer emits every data buffer of a view array whole, whatever slice it writes.
    private static long VariadicBytes(ArrayData data)
    {
        long total = 0;
        for (var i = 2; i < data.Buffers.Length; i++)
        {
            total += data.Buffers[i].Length;
        }

        return total;
    }
}
