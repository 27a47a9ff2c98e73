using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Decodes a dictionary-encoded column into a plain array of its value type. The decoder returns dictionaries
/// only for BYTE_ARRAY columns (string/binary, also in their large variants), but fixed-width values are handled
/// too; a row is null when its index is null or the dictionary entry it points at is null.
/// </summary>
internal static class DictionaryArrayDecoder
{
    /// <summary>New data of the dictionary's value type, offset 0; <paramref name="data"/> is left untouched.</summary>
    public static ArrayData Decode(ArrayData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.DataType is not DictionaryType type || data.Dictionary is null)
        {
            throw new ArgumentException($"expected dictionary data, got {data.DataType.Name}", nameof(data));
        }

        var indices = ReadIndices(data, type);
        var values = data.Dictionary;
        return type.ValueType switch
        {
            StringType or BinaryType => DecodeVariable(indices, values, type.ValueType, largeOffsets: false),
            LargeStringType or LargeBinaryType => DecodeVariable(indices, values, type.ValueType, largeOffsets: true),
            FixedWidthType { BitWidth: > 0 } fixedWidth when fixedWidth.BitWidth % 8 == 0 => DecodeFixed(indices, values, fixedWidth),
            _ => throw new NotSupportedException($"dictionary-encoded {type.ValueType.Name} values cannot be decoded"),
        };
    }

    /// <summary>The index of every row, or -1 for a null row.</summary>
    private static long[] ReadIndices(ArrayData data, DictionaryType type)
    {
        var result = new long[data.Length];
        var bits = data.Buffers[0].Span;
        var raw = data.Buffers[1].Span;
        for (var i = 0; i < result.Length; i++)
        {
            var at = data.Offset + i;
            if (!bits.IsEmpty && data.NullCount != 0 && !BitUtility.GetBit(bits, at))
            {
                result[i] = -1;
                continue;
            }

            result[i] = type.IndexType.TypeId switch
            {
                ArrowTypeId.Int8 => raw.CastTo<sbyte>()[at],
                ArrowTypeId.UInt8 => raw[at],
                ArrowTypeId.Int16 => raw.CastTo<short>()[at],
                ArrowTypeId.UInt16 => raw.CastTo<ushort>()[at],
                ArrowTypeId.Int32 => raw.CastTo<int>()[at],
                ArrowTypeId.UInt32 => raw.CastTo<uint>()[at],
                ArrowTypeId.Int64 => raw.CastTo<long>()[at],
                _ => throw new NotSupportedException($"dictionary index type {type.IndexType.Name} is not supported"),
            };
        }

        return result;
    }

    private static bool IsValid(ArrayData values, long index)
    {
        var bits = values.Buffers[0].Span;
        return bits.IsEmpty || values.NullCount == 0 || BitUtility.GetBit(bits, values.Offset + (int)index);
    }

    private static ArrayData DecodeVariable(long[] indices, ArrayData values, IArrowType valueType, bool largeOffsets)
    {
        var sourceOffsets = values.Buffers[1].Span;
        var sourceBytes = values.Buffers[2].Span;
        var validity = new ArrowBuffer.BitmapBuilder(indices.Length);
        var offsets32 = new ArrowBuffer.Builder<int>(indices.Length + 1);
        var offsets64 = new ArrowBuffer.Builder<long>(indices.Length + 1);
        var bytes = new ArrowBuffer.Builder<byte>();
        long end = 0;
        AppendOffset(0);
        foreach (var index in indices)
        {
            var valid = index >= 0 && IsValid(values, index);
            validity.Append(valid);
            if (valid)
            {
                var at = values.Offset + (int)index;
                var (start, stop) = largeOffsets
                    ? (sourceOffsets.CastTo<long>()[at], sourceOffsets.CastTo<long>()[at + 1])
                    : (sourceOffsets.CastTo<int>()[at], sourceOffsets.CastTo<int>()[at + 1]);
                bytes.Append(sourceBytes[(int)start..(int)stop]);
                end += stop - start;
            }

            AppendOffset(end);
        }

        var nullCount = validity.UnsetBitCount;
        var offsets = largeOffsets ? offsets64.Build() : offsets32.Build();
        return new ArrayData(valueType, indices.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : validity.Build(), offsets, bytes.Build()]);

        void AppendOffset(long offset)
        {
            if (largeOffsets)
            {
                offsets64.Append(offset);
            }
            else
            {
                // A decoded string column can outgrow 2 GiB of characters; say so rather than wrap.
                offsets32.Append(checked((int)offset));
            }
        }
    }

    private static ArrayData DecodeFixed(long[] indices, ArrayData values, FixedWidthType valueType)
    {
        var width = valueType.BitWidth / 8;
        var source = values.Buffers[1].Span;
        var validity = new ArrowBuffer.BitmapBuilder(indices.Length);
        var bytes = new byte[indices.Length * width];
        for (var i = 0; i < indices.Length; i++)
        {
            var valid = indices[i] >= 0 && IsValid(values, indices[i]);
            validity.Append(valid);
            if (valid)
            {
                source.Slice((values.Offset + (int)indices[i]) * width, width).CopyTo(bytes.AsSpan(i * width));
            }
        }

        var nullCount = validity.UnsetBitCount;
        return new ArrayData(valueType, indices.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : validity.Build(), new ArrowBuffer(bytes)]);
    }
}
