using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;

namespace CqSourceS3.Plugin.Cli;

/// <summary>One Arrow cell as short readable text for the <c>sync</c> command's sample rows.</summary>
internal static class ValueText
{
    private const int MaxLength = 40;

    public static string Of(IArrowArray array, int index)
    {
        var text = array.IsNull(index) ? "null" : Format(array, index);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    private static string Format(IArrowArray array, int index) => array switch
    {
        StringArray a => a.GetString(index),
        LargeStringArray a => a.GetString(index),
        BooleanArray a => a.GetValue(index) == true ? "true" : "false",
        TimestampArray a => a.GetTimestamp(index)?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture) ?? "null",
        Date32Array a => a.GetDateOnly(index)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "null",
        Decimal128Array a => a.GetString(index) ?? "null",
        FixedSizeBinaryArray { Data.DataType: FixedSizeBinaryType { ByteWidth: 16 } } a => new Guid(a.GetBytes(index), bigEndian: true).ToString(),
        BinaryArray a => Convert.ToHexString(a.GetBytes(index)),
        ListArray a => "[" + string.Join(", ", Enumerable.Range(a.ValueOffsets[index], a.GetValueLength(index)).Select(i => Of(a.Values, i))) + "]",
        StructArray a => "{" + string.Join(", ", ((StructType)a.Data.DataType).Fields.Select((f, i) => $"{f.Name}: {Of(a.Fields[i], index)}")) + "}",
        _ => Scalar(array, index),
    };

    private static string Scalar(IArrowArray array, int index) => array switch
    {
        Int8Array a => Text(a.GetValue(index)),
        Int16Array a => Text(a.GetValue(index)),
        Int32Array a => Text(a.GetValue(index)),
        Int64Array a => Text(a.GetValue(index)),
        UInt8Array a => Text(a.GetValue(index)),
        UInt16Array a => Text(a.GetValue(index)),
        UInt32Array a => Text(a.GetValue(index)),
        UInt64Array a => Text(a.GetValue(index)),
        FloatArray a => Text(a.GetValue(index)),
        DoubleArray a => Text(a.GetValue(index)),
        _ => $"<{array.Data.DataType.Name}>",
    };

    private static string Text<T>(T? value)
        where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture) ?? "null";
}
