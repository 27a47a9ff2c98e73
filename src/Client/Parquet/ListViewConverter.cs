using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Turns <c>listview</c> and <c>large_listview</c> columns into <c>list</c> and <c>large_list</c>: CloudQuery's SDKs
/// do not model list views, and the JS SDK cannot even decode a schema holding one. A list view gives each row an
/// offset and a size into its child, in any order; a list needs the rows' elements one after another. What the
/// Parquet decoder yields already is in that order, so the child is kept as it is; otherwise its rows' ranges are
/// copied out in row order.
/// </summary>
internal static class ListViewConverter
{
    /// <summary>The classic type a list view column becomes, given the type its values have become.</summary>
    public static IArrowType ConvertType(IArrowType type, IArrowType valueType) => type switch
    {
        ListViewType list => new ListType(WithType(list.ValueField, valueType)),
        LargeListViewType list => new LargeListType(WithType(list.ValueField, valueType)),
        _ => throw new ArgumentException($"expected listview or large_listview, got {type?.Name}", nameof(type)),
    };

    /// <summary>
    /// New <c>list</c> or <c>large_list</c> data, offset 0, with the rows and nulls of <paramref name="view"/>, whose
    /// child is <paramref name="values"/> (the view's child, already normalized). Takes ownership of both: the
    /// view's own buffers are disposed, the values become the new data's child or are copied from.
    /// </summary>
    public static ArrayData ToList(ArrayData view, ArrayData values)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(values);
        var type = ConvertType(view.DataType, values.DataType);
        var (starts, sizes) = ReadRanges(view);
        var (validity, nullCount) = ValidityBitmap.Rebase(view);
        var first = FirstOfContiguous(starts, sizes);
        // The gathered child may share buffers with the old one (Arrow's concatenator passes a lone piece through),
        // so the old child is left to the GC rather than disposed.
        var child = first is null ? Gather(values, starts, sizes) : values;
        var offsets = BuildOffsets(sizes, first ?? 0, type is LargeListType);
        foreach (var buffer in view.Buffers)
        {
            buffer.Dispose();
        }

        return new ArrayData(type, view.Length, nullCount, 0, [validity, offsets], [child]);
    }

    private static Field WithType(Field field, IArrowType valueType) =>
        new(field.Name, valueType, field.IsNullable, field.Metadata);

    /// <summary>Each row's start and size in the child; a null row counts as empty, whatever its view says.</summary>
    private static (long[] Starts, long[] Sizes) ReadRanges(ArrayData view)
    {
        var large = view.DataType is LargeListViewType;
        var offsetBytes = view.Buffers[1].Span;
        var sizeBytes = view.Buffers[2].Span;
        var starts = new long[view.Length];
        var sizes = new long[view.Length];
        for (var i = 0; i < view.Length; i++)
        {
            if (!ValidityBitmap.IsValid(view, i))
            {
                continue;
            }

            var at = view.Offset + i;
            (starts[i], sizes[i]) = large
                ? (offsetBytes.CastTo<long>()[at], sizeBytes.CastTo<long>()[at])
                : (offsetBytes.CastTo<int>()[at], sizeBytes.CastTo<int>()[at]);
        }

        return (starts, sizes);
    }

    /// <summary>
    /// Where the first non-empty row starts when every non-empty row starts where the one before it ended (0 when
    /// all rows are empty); null when the rows are out of order, overlap or leave gaps.
    /// </summary>
    private static long? FirstOfContiguous(long[] starts, long[] sizes)
    {
        long? first = null;
        long end = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            if (sizes[i] == 0)
            {
                continue;
            }

            if (first is not null && starts[i] != end)
            {
                return null;
            }

            first ??= starts[i];
            end = starts[i] + sizes[i];
        }

        return first ?? 0;
    }

    /// <summary>The child's rows' ranges copied out one after another, adjacent ranges taken as one piece.</summary>
    private static ArrayData Gather(ArrayData values, long[] starts, long[] sizes)
    {
        var pieces = new List<ArrayData>();
        long pieceStart = 0;
        long pieceEnd = -1;
        for (var i = 0; i < starts.Length; i++)
        {
            if (sizes[i] == 0)
            {
                continue;
            }

            if (starts[i] != pieceEnd)
            {
                AddPiece();
                pieceStart = starts[i];
            }

            pieceEnd = starts[i] + sizes[i];
        }

        AddPiece();
        return ArrayDataConcatenator.Concatenate(pieces);

        void AddPiece()
        {
            if (pieceEnd > pieceStart)
            {
                pieces.Add(values.Slice(checked((int)pieceStart), checked((int)(pieceEnd - pieceStart))));
            }
        }
    }

    private static ArrowBuffer BuildOffsets(long[] sizes, long first, bool large)
    {
        var offset = first;
        if (large)
        {
            var offsets64 = new ArrowBuffer.Builder<long>(sizes.Length + 1).Append(offset);
            foreach (var size in sizes)
            {
                offsets64.Append(offset += size);
            }

            return offsets64.Build();
        }

        var offsets32 = new ArrowBuffer.Builder<int>(sizes.Length + 1).Append(checked((int)offset));
        foreach (var size in sizes)
        {
            // A list's offsets are 32-bit; a list view whose rows repeat elements can add up to more.
            offsets32.Append(checked((int)(offset += size)));
        }

        return offsets32.Build();
    }
}
