using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// Builds CloudQuery UUID columns (fixed_size_binary(16), RFC 4122 byte order): generated ids, ids read from a
/// file's own <c>_cq_id</c>/<c>_cq_parent_id</c> column (UUID text or 16-byte binary), and all-null parent ids.
/// </summary>
internal static class UuidColumns
{
    private const int IdSize = CqIdGenerator.IdSize;

    // Never written: all-null columns share it instead of allocating zeros per batch.
    private static byte[] _zeros = [];

    /// <summary>A non-null column over <paramref name="ids"/> (16 bytes per row), without copying.</summary>
    public static FixedSizeBinaryArray FromIds(byte[] ids)
    {
        var data = new ArrayData(CqTableSchema.UuidStorageType, ids.Length / IdSize, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(ids)]);
        return new FixedSizeBinaryArray(data);
    }

    /// <summary>A column of <paramref name="length"/> nulls.</summary>
    public static FixedSizeBinaryArray AllNull(int length)
    {
        var values = Zeros(checked(length * IdSize));
        var validity = values[..BitUtility.ByteCount(length)];
        var data = new ArrayData(CqTableSchema.UuidStorageType, length, length, 0,
            [new ArrowBuffer(validity), new ArrowBuffer(values)]);
        return new FixedSizeBinaryArray(data);
    }

    /// <summary>
    /// The file's <c>_cq_id</c> values; rows that are null or not a UUID get an id from
    /// <paramref name="generator"/> instead (row number <paramref name="firstRow"/> + index), counted in
    /// <paramref name="replaced"/>.
    /// </summary>
    public static FixedSizeBinaryArray ReuseIds(IArrowArray column, CqIdGenerator generator, long firstRow, out int replaced)
    {
        var ids = GC.AllocateUninitializedArray<byte>(checked(column.Length * IdSize));
        var valid = new byte[BitUtility.ByteCount(column.Length)];
        var found = Read(column, ids, valid);
        replaced = column.Length - found;
        if (replaced > 0)
        {
            for (var i = 0; i < column.Length; i++)
            {
                if (!BitUtility.GetBit(valid, i))
                {
                    generator.Fill(ids.AsSpan(i * IdSize, IdSize), firstRow + i);
                }
            }
        }

        return FromIds(ids);
    }

    /// <summary>The file's <c>_cq_parent_id</c> values; rows that are null or not a UUID become null, and the
    /// non-null ones among them are counted in <paramref name="invalid"/>.</summary>
    public static FixedSizeBinaryArray ReuseParentIds(IArrowArray column, out int invalid)
    {
        var ids = new byte[checked(column.Length * IdSize)];
        var valid = new byte[BitUtility.ByteCount(column.Length)];
        var found = Read(column, ids, valid);
        invalid = column.Length - column.NullCount - found;
        var nulls = column.Length - found;
        var data = new ArrayData(CqTableSchema.UuidStorageType, column.Length, nulls, 0,
            [nulls == 0 ? ArrowBuffer.Empty : new ArrowBuffer(valid), new ArrowBuffer(ids)]);
        return new FixedSizeBinaryArray(data);
    }

    // Writes each parsable row's 16 bytes into ids and sets its bit in valid; returns how many rows it wrote.
    private static int Read(IArrowArray column, Span<byte> ids, Span<byte> valid)
    {
        var data = column is ExtensionArray extension ? extension.Storage.Data : column.Data;
        var validity = data.Buffers[0].Span;
        var found = 0;
        if (data.DataType is StringType)
        {
            var offsets = data.Buffers[1].Span.CastTo<int>();
            var text = data.Buffers[2].Span;
            for (var i = 0; i < data.Length; i++)
            {
                var row = data.Offset + i;
                if ((validity.IsEmpty || BitUtility.GetBit(validity, row))
                    && Guid.TryParse(text[offsets[row]..offsets[row + 1]], out var guid))
                {
                    guid.TryWriteBytes(ids.Slice(i * IdSize, IdSize), bigEndian: true, out _);
                    BitUtility.SetBit(valid, i);
                    found++;
                }
            }

            return found;
        }

        if (!CqTableSchema.IsUuidBinary(data.DataType))
        {
            throw new ArgumentException($"A UUID column must be utf8 or fixed_size_binary(16), not {data.DataType.Name}.", nameof(column));
        }

        data.Buffers[1].Span.Slice(data.Offset * IdSize, data.Length * IdSize).CopyTo(ids);
        for (var i = 0; i < data.Length; i++)
        {
            if (validity.IsEmpty || BitUtility.GetBit(validity, data.Offset + i))
            {
                BitUtility.SetBit(valid, i);
                found++;
            }
        }

        return found;
    }

    private static ReadOnlyMemory<byte> Zeros(int length)
    {
        var zeros = Volatile.Read(ref _zeros);
        if (zeros.Length < length)
        {
            // A benign race: two threads may each allocate; both arrays are zero and neither is ever written.
            zeros = new byte[Math.Max(length, zeros.Length * 2)];
            Volatile.Write(ref _zeros, zeros);
        }

        return zeros.AsMemory(0, length);
    }
}
