using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Makes what the Parquet decoder yields acceptable to CloudQuery's Go destinations. Field names, nullability and
/// field/schema metadata are kept; the conversions, applied at any depth inside list, large list, fixed-size list,
/// struct and map types, are:
/// <list type="bullet">
/// <item><description>dictionary-encoded columns (a stored Arrow schema with pandas categoricals, or
/// <c>read_dictionary</c>) become plain arrays of their value type, schema and data;</description></item>
/// <item><description>FLOAT16 (Arrow <c>halffloat</c>) becomes <c>float32</c>; every half-precision value, NaN and
/// infinities included, is exactly representable;</description></item>
/// <item><description>view types (a stored Arrow schema with <c>utf8view</c>, <c>binaryview</c>, <c>listview</c> or
/// <c>large_listview</c>) become <c>utf8</c>, <c>binary</c>, <c>list</c> and <c>large_list</c>, byte for byte;</description></item>
/// <item><description><c>decimal32</c> and <c>decimal64</c> become <c>decimal128</c> with the same precision and
/// scale, exactly;</description></item>
/// <item><description>INT96 timestamps are decoded as <c>timestamp[us]</c> without a time zone (the reader's
/// coercion unit is set to microseconds, see <see cref="ParquetFileHandle"/>), so Spark/Impala values far outside
/// 1677–2262 do not wrap as they would in nanoseconds;</description></item>
/// <item><description>everything else (unsigned integers, decimal128/256, dates, times, timestamps, binary, nested types)
/// is passed through unchanged.</description></item>
/// </list>
/// </summary>
internal static class ArrowTypeNormalizer
{
    /// <summary>The schema with every field normalized; schema metadata kept.</summary>
    public static Schema NormalizeSchema(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new Schema(schema.FieldsList.Select(NormalizeField), schema.Metadata);
    }

    /// <summary>The field with its type normalized; name, nullability and metadata kept.</summary>
    public static Field NormalizeField(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new Field(field.Name, NormalizeType(field.DataType), field.IsNullable, field.Metadata);
    }

    /// <summary>The type a column of <paramref name="type"/> has after normalization.</summary>
    public static IArrowType NormalizeType(IArrowType type) => type switch
    {
        DictionaryType dictionary => NormalizeType(dictionary.ValueType),
        HalfFloatType => FloatType.Default,
        StringViewType or BinaryViewType => BinaryViewConverter.ConvertType(type),
        Decimal32Type or Decimal64Type => SmallDecimalWidener.WidenType(type),
        ListViewType list => ListViewConverter.ConvertType(type, NormalizeType(list.ValueDataType)),
        LargeListViewType list => ListViewConverter.ConvertType(type, NormalizeType(list.ValueDataType)),
        ListType list => new ListType(NormalizeField(list.ValueField)),
        LargeListType list => new LargeListType(NormalizeField(list.ValueField)),
        FixedSizeListType list => new FixedSizeListType(NormalizeField(list.ValueField), list.ListSize),
        MapType map => new MapType(NormalizeField(map.Fields[0]), map.KeySorted),
        StructType structType => new StructType(structType.Fields.Select(NormalizeField).ToList()),
        _ => type,
    };

    /// <summary>
    /// Normalizes <paramref name="batch"/> and takes ownership of it: unchanged columns move into the result,
    /// replaced ones are disposed. <paramref name="schema"/> is the normalized file schema the result carries.
    /// Throws <see cref="InvalidDataException"/> when the batch's columns disagree on its row count.
    /// </summary>
    public static RecordBatch NormalizeBatch(RecordBatch batch, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(schema);
        var columns = new IArrowArray[batch.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = batch.Column(i);
            if (column.Length != batch.Length)
            {
                // Seen with corrupt files: the decoder hands over a batch whose columns disagree on the row count.
                throw new InvalidDataException($"column '{batch.Schema.GetFieldByIndex(i).Name}' has {column.Length} rows, its batch {batch.Length}");
            }

            var normalized = NormalizeData(column.Data);
            columns[i] = ReferenceEquals(normalized, column.Data) ? column : ArrowArrayFactory.BuildArray(normalized);
        }

        // The old batch is not disposed: it shares the unchanged columns with the new one.
        return new RecordBatch(schema, columns, batch.Length);
    }

    /// <summary>
    /// Returns <paramref name="data"/> itself when nothing changes. Otherwise returns new data that shares the
    /// unchanged buffers and children, and disposes only the parts it replaced.
    /// </summary>
    private static ArrayData NormalizeData(ArrayData data)
    {
        switch (data.DataType)
        {
            case DictionaryType:
                var decoded = DictionaryArrayDecoder.Decode(data);
                data.Dispose();
                return NormalizeData(decoded);
            case HalfFloatType:
                var widened = HalfFloatWidener.Widen(data);
                data.Dispose();
                return widened;
            case StringViewType or BinaryViewType:
                var classic = BinaryViewConverter.Convert(data);
                data.Dispose();
                return classic;
            case Decimal32Type or Decimal64Type:
                var decimals = SmallDecimalWidener.Widen(data);
                data.Dispose();
                return decimals;
            case ListViewType or LargeListViewType:
                // The child first: a list view out of row order is copied with Arrow's concatenator, which knows no
                // dictionaries.
                return ListViewConverter.ToList(data, NormalizeData(data.Children[0]));
            case ListType or LargeListType or FixedSizeListType or MapType or StructType:
                var children = new ArrayData[data.Children.Length];
                var changed = false;
                for (var i = 0; i < children.Length; i++)
                {
                    children[i] = NormalizeData(data.Children[i]);
                    changed |= !ReferenceEquals(children[i], data.Children[i]);
                }

                return changed
                    ? new ArrayData(NormalizeType(data.DataType), data.Length, data.NullCount, data.Offset, data.Buffers, children)
                    : data;
            default:
                return data;
        }
    }
}
