using System.Globalization;
using Apache.Arrow;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Renders Arrow values as text so tests can compare what two readers produced, whatever their batch boundaries.
/// A dictionary cell renders as its value, a half float as the float it widens to, a view like its classic type and
/// a decimal by its digits whatever its width, so a raw decoder read and a normalized read of the same file render
/// the same; everything else renders exactly (raw integers for temporal
/// values, full decimal digits, round-trip floats).
/// </summary>
public static class ArrowValueFormatter
{
    /// <summary>Every row of <paramref name="batch"/> as one line.</summary>
    public static IEnumerable<string> Rows(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var row = 0; row < batch.Length; row++)
        {
            yield return string.Join(" | ", Enumerable.Range(0, batch.ColumnCount).Select(c => Format(batch.Column(c), row)));
        }
    }

    /// <summary>
    /// Every row of a CloudQuery record as one line, without the two id columns <c>_cq_id</c> and <c>_cq_parent_id</c>:
    /// the values the source file held.
    /// </summary>
    public static IEnumerable<string> DataRows(RecordBatch record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var columns = Enumerable.Range(0, record.ColumnCount)
            .Where(c => record.Schema.FieldsList[c].Name is not ("_cq_id" or "_cq_parent_id"))
            .ToList();
        for (var row = 0; row < record.Length; row++)
        {
            yield return string.Join(" | ", columns.Select(c => Format(record.Column(c), row)));
        }
    }

    /// <summary>One cell as text; <c>null</c> for a null.</summary>
    public static string Format(IArrowArray array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array is DictionaryArray dictionary)
        {
            return array.IsNull(index) ? "null" : Format(dictionary.Dictionary, PhysicalIndex(dictionary, index));
        }

        if (array.IsNull(index))
        {
            return "null";
        }

        return array switch
        {
            HalfFloatArray a => ((float)a.GetValue(index)!.Value).ToString("R", CultureInfo.InvariantCulture),
            FloatArray a => a.GetValue(index)!.Value.ToString("R", CultureInfo.InvariantCulture),
            DoubleArray a => a.GetValue(index)!.Value.ToString("R", CultureInfo.InvariantCulture),
            BooleanArray a => a.GetValue(index)!.Value ? "true" : "false",
            StringArray a => Quote(a.GetString(index)),
            LargeStringArray a => Quote(a.GetString(index)),
            StringViewArray a => Quote(a.GetString(index)),
            BinaryArray a => "0x" + Convert.ToHexString(a.GetBytes(index)),
            LargeBinaryArray a => "0x" + Convert.ToHexString(a.GetBytes(index)),
            BinaryViewArray a => "0x" + Convert.ToHexString(a.GetBytes(index)),
            Decimal32Array a => a.GetString(index) ?? "null",
            Decimal64Array a => a.GetString(index) ?? "null",
            Decimal128Array a => a.GetString(index) ?? "null",
            Decimal256Array a => a.GetString(index) ?? "null",
            Apache.Arrow.Arrays.FixedSizeBinaryArray a => "0x" + Convert.ToHexString(a.GetBytes(index)),
            ListArray or MapArray => Elements(array.Data, index, large: false),
            LargeListArray => Elements(array.Data, index, large: true),
            ListViewArray or LargeListViewArray => ViewElements(array.Data, index, large: array is LargeListViewArray),
            FixedSizeListArray a => FixedSizeElements(a, index),
            StructArray a => "{" + string.Join(", ", ((Apache.Arrow.Types.StructType)a.Data.DataType).Fields
                .Select((field, i) => field.Name + "=" + Format(ArrowArrayFactory.BuildArray(a.Data.Children[i]), a.Offset + index))) + "}",
            _ => FormatPrimitive(array, index),
        };
    }

    /// <summary>A list or map cell: its offsets index the child array (a map's child is its key/value struct).</summary>
    private static string Elements(ArrayData data, int index, bool large)
    {
        var at = data.Offset + index;
        var offsets = data.Buffers[1].Span;
        var (start, end) = large
            ? ((int)offsets.CastTo<long>()[at], (int)offsets.CastTo<long>()[at + 1])
            : (offsets.CastTo<int>()[at], offsets.CastTo<int>()[at + 1]);
        var values = ArrowArrayFactory.BuildArray(data.Children[0]);
        return "[" + string.Join(", ", Enumerable.Range(start, end - start).Select(i => Format(values, i))) + "]";
    }

    /// <summary>A list view cell: its own offset and size index the child array, in any order.</summary>
    private static string ViewElements(ArrayData data, int index, bool large)
    {
        var at = data.Offset + index;
        var (start, size) = large
            ? ((int)data.Buffers[1].Span.CastTo<long>()[at], (int)data.Buffers[2].Span.CastTo<long>()[at])
            : (data.Buffers[1].Span.CastTo<int>()[at], data.Buffers[2].Span.CastTo<int>()[at]);
        var values = ArrowArrayFactory.BuildArray(data.Children[0]);
        return "[" + string.Join(", ", Enumerable.Range(start, size).Select(i => Format(values, i))) + "]";
    }

    private static string FixedSizeElements(FixedSizeListArray array, int index)
    {
        var size = ((Apache.Arrow.Types.FixedSizeListType)array.Data.DataType).ListSize;
        var values = ArrowArrayFactory.BuildArray(array.Data.Children[0]);
        var start = (array.Offset + index) * size;
        return "[" + string.Join(", ", Enumerable.Range(start, size).Select(i => Format(values, i))) + "]";
    }

    private static string Quote(string value) => "\"" + value + "\"";

    private static int PhysicalIndex(DictionaryArray dictionary, int index) => dictionary.Indices switch
    {
        Int8Array i => i.GetValue(index)!.Value,
        UInt8Array i => i.GetValue(index)!.Value,
        Int16Array i => i.GetValue(index)!.Value,
        UInt16Array i => i.GetValue(index)!.Value,
        Int32Array i => i.GetValue(index)!.Value,
        UInt32Array i => checked((int)i.GetValue(index)!.Value),
        Int64Array i => checked((int)i.GetValue(index)!.Value),
        _ => throw new NotSupportedException($"dictionary index {dictionary.Indices.Data.DataType.Name}"),
    };

    /// <summary>Integers, dates, times, timestamps and durations: their stored number (all are PrimitiveArray&lt;T&gt;).</summary>
    private static string FormatPrimitive(IArrowArray array, int index)
    {
        var getValue = array.GetType().GetMethod("GetValue", [typeof(int)])
            ?? throw new NotSupportedException($"no formatting for {array.Data.DataType.Name}");
        return Convert.ToString(getValue.Invoke(array, [index]), CultureInfo.InvariantCulture) ?? "null";
    }
}
