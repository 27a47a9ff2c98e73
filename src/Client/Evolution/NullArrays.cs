using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// All-null arrays of any type a table's schema holds, for the columns (and struct fields) an object lacks. Each has a
/// valid Arrow layout, so destinations and the IPC writer read it like any other: a validity bitmap of zeros, zeroed
/// values and offsets (every list and string row empty), children of length 0 under lists and maps, and children of the
/// full length under structs and fixed-size lists (themselves all null). The buffers are managed zeroed memory, owned by
/// nothing: disposing them is free.
/// </summary>
internal static class NullArrays
{
    /// <summary>An array of <paramref name="length"/> nulls of <paramref name="type"/> (an extension type gives its storage).</summary>
    /// <exception cref="ArgumentException">A type normalized schemas never hold: dictionary, view, union, run-end encoded.</exception>
    public static IArrowArray Of(IArrowType type, int length) => ArrowArrayFactory.BuildArray(DataOf(type, length));

    /// <summary>The data of <see cref="Of"/>.</summary>
    public static ArrayData DataOf(IArrowType type, int length)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return type switch
        {
            ExtensionType extension => DataOf(extension.StorageType, length),
            NullType => new ArrayData(type, length, length, 0, []),
            DictionaryType => throw Unsupported(type),
            FixedWidthType fixedWidth => Nulls(type, length, [Zeros(((long)length * fixedWidth.BitWidth + 7) / 8)]),
            StringType or BinaryType => Nulls(type, length, [Zeros((length + 1) * sizeof(int)), ArrowBuffer.Empty]),
            LargeStringType or LargeBinaryType => Nulls(type, length, [Zeros((length + 1) * sizeof(long)), ArrowBuffer.Empty]),
            ListType list => Nulls(type, length, [Zeros((length + 1) * sizeof(int))], DataOf(list.ValueDataType, 0)),
            MapType map => Nulls(type, length, [Zeros((length + 1) * sizeof(int))], DataOf(map.KeyValueType, 0)),
            LargeListType list => Nulls(type, length, [Zeros((length + 1) * sizeof(long))], DataOf(list.ValueDataType, 0)),
            FixedSizeListType list => Nulls(type, length, [], DataOf(list.ValueDataType, checked(length * list.ListSize))),
            StructType structType => Nulls(type, length, [], [.. structType.Fields.Select(field => DataOf(field.DataType, length))]),
            _ => throw Unsupported(type),
        };
    }

    /// <summary>Data whose validity bitmap says null for every row, followed by <paramref name="buffers"/>.</summary>
    private static ArrayData Nulls(IArrowType type, int length, ArrowBuffer[] buffers, params ArrayData[] children) =>
        new(type, length, length, 0, [Zeros(BitUtility.ByteCount(length)), .. buffers], children);

    private static ArrowBuffer Zeros(long bytes) => bytes == 0 ? ArrowBuffer.Empty : new ArrowBuffer(new byte[checked((int)bytes)]);

    private static ArgumentException Unsupported(IArrowType type) =>
        new($"no all-null layout for {type.Name}: normalized table schemas never hold it", nameof(type));
}
