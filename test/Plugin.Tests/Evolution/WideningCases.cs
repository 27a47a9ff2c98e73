using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Plugin.Tests.Evolution;

/// <summary>
/// One lossless widening for the sync tests: an older object whose column <c>v</c> has the narrow type and edge
/// values, a newer object whose <c>v</c> has the wide type, and the narrow values written in the wide type by hand:
/// what the destination must receive for the older object's rows.
/// </summary>
/// <param name="Table">The table (its folder) of this case.</param>
/// <param name="Narrow">The older object's column.</param>
/// <param name="Wide">The newer object's column.</param>
/// <param name="Expected">The older object's values as the wide type.</param>
internal sealed record WideningCase(string Table, IArrowArray Narrow, IArrowArray Wide, IArrowArray Expected)
{
    public static IReadOnlyList<WideningCase> All { get; } =
    [
        new("w_int8_int16",
            new Int8Array.Builder().Append(sbyte.MinValue).Append(sbyte.MaxValue).AppendNull().Build(),
            new Int16Array.Builder().Append(short.MaxValue).Build(),
            new Int16Array.Builder().Append(sbyte.MinValue).Append(sbyte.MaxValue).AppendNull().Build()),
        new("w_int32_int64",
            new Int32Array.Builder().Append(int.MinValue).Append(int.MaxValue).AppendNull().Build(),
            new Int64Array.Builder().Append(long.MaxValue).Build(),
            new Int64Array.Builder().Append(int.MinValue).Append(int.MaxValue).AppendNull().Build()),
        new("w_uint8_int16",
            new UInt8Array.Builder().Append(0).Append(byte.MaxValue).AppendNull().Build(),
            new Int16Array.Builder().Append(-1).Build(),
            new Int16Array.Builder().Append(0).Append(byte.MaxValue).AppendNull().Build()),
        new("w_uint32_int64",
            new UInt32Array.Builder().Append(0).Append(uint.MaxValue).AppendNull().Build(),
            new Int64Array.Builder().Append(-5).Build(),
            new Int64Array.Builder().Append(0).Append(uint.MaxValue).AppendNull().Build()),
        new("w_uint16_uint32",
            new UInt16Array.Builder().Append(ushort.MaxValue).AppendNull().Build(),
            new UInt32Array.Builder().Append(uint.MaxValue).Build(),
            new UInt32Array.Builder().Append(ushort.MaxValue).AppendNull().Build()),
        new("w_float32_float64",
            new FloatArray.Builder().Append(1.1f).Append(float.NaN).Append(float.NegativeInfinity).Append(float.Epsilon).AppendNull().Build(),
            new DoubleArray.Builder().Append(0.5).Build(),
            new DoubleArray.Builder().Append(1.1f).Append(double.NaN).Append(double.NegativeInfinity).Append(float.Epsilon).AppendNull().Build()),
        new("w_decimal",
            Decimals(new Decimal128Type(5, 2), 123.45m, -999.99m, null),
            Decimals(new Decimal128Type(10, 4), 1.5m),
            Decimals(new Decimal128Type(10, 4), 123.45m, -999.99m, null)),
        new("w_utf8_large",
            new StringArray.Builder().Append("").Append("é").AppendNull().Build(),
            LargeStrings("w"),
            LargeStrings("", "é", null)),
        new("w_binary_large",
            new BinaryArray.Builder().Append([1, 2]).Append(System.Array.Empty<byte>()).AppendNull().Build(),
            LargeBinaries([9]),
            LargeBinaries([1, 2], [], null)),
        new("w_decimal_256",
            Decimals(new Decimal128Type(38, 2), 12345.67m, -0.01m, null),
            Decimals256(new Decimal256Type(40, 4), 1m),
            Decimals256(new Decimal256Type(40, 4), 12345.67m, -0.01m, null)),
        new("w_list_large",
            Int32Lists([1, int.MinValue], [], null),
            LargeInt64Lists([long.MaxValue]),
            LargeInt64Lists([1, int.MinValue], [], null)),
        new("w_time32_time64",
            new Time32Array.Builder(TimeUnit.Second).Append(0).Append(86_399).AppendNull().Build(),
            new Time64Array.Builder(TimeUnit.Microsecond).Append(1).Build(),
            new Time64Array.Builder(TimeUnit.Microsecond).Append(0).Append(86_399_000_000).AppendNull().Build()),
        new("w_map_values",
            Maps(Int32Type.Default, [("a", 1), ("b", int.MaxValue)], [], null),
            Maps(Int64Type.Default, [("z", long.MinValue)]),
            Maps(Int64Type.Default, [("a", 1), ("b", int.MaxValue)], [], null)),
        new("w_timestamp_ms_us",
            Timestamps(TimeUnit.Millisecond, 0, -1, null),
            Timestamps(TimeUnit.Microsecond, 1),
            Timestamps(TimeUnit.Microsecond, 0, -1000, null)),
    ];

    private static Decimal128Array Decimals(Decimal128Type type, params decimal?[] values)
    {
        var builder = new Decimal128Array.Builder(type);
        AppendAll(values, v => builder.Append(v), () => builder.AppendNull());
        return builder.Build();
    }

    private static Decimal256Array Decimals256(Decimal256Type type, params decimal?[] values)
    {
        var builder = new Decimal256Array.Builder(type);
        AppendAll(values, v => builder.Append(v), () => builder.AppendNull());
        return builder.Build();
    }

    private static void AppendAll(decimal?[] values, Action<decimal> append, Action appendNull)
    {
        foreach (var value in values)
        {
            if (value is { } v)
            {
                append(v);
            }
            else
            {
                appendNull();
            }
        }
    }

    private static ListArray Int32Lists(params int[]?[] lists)
    {
        var builder = new ListArray.Builder(Int32Type.Default);
        var values = (Int32Array.Builder)builder.ValueBuilder;
        foreach (var list in lists)
        {
            if (list is null)
            {
                builder.AppendNull();
                continue;
            }

            builder.Append();
            values.AppendRange(list);
        }

        return builder.Build();
    }

    // Apache.Arrow has no builders for the large (64-bit offset) layouts, so those are laid out by hand.
    private static LargeListArray LargeInt64Lists(params long[]?[] lists)
    {
        var items = lists.SelectMany(list => list ?? []).ToArray();
        var type = new LargeListType(new Field("item", Int64Type.Default, nullable: true));
        var (validity, nulls) = Validity(lists);
        return new LargeListArray(new ArrayData(type, lists.Length, nulls, 0,
            [validity, Offsets(lists.Select(list => list?.Length ?? 0))],
            [new Int64Array.Builder().AppendRange(items).Build().Data]));
    }

    private static MapArray Maps(IArrowType valueType, params (string Key, long Value)[]?[] maps)
    {
        var builder = new MapArray.Builder(new MapType(StringType.Default, valueType));
        var keys = (StringArray.Builder)builder.KeyBuilder;
        foreach (var map in maps)
        {
            if (map is null)
            {
                builder.AppendNull();
                continue;
            }

            builder.Append();
            foreach (var (key, value) in map)
            {
                keys.Append(key);
                if (builder.ValueBuilder is Int32Array.Builder ints)
                {
                    ints.Append((int)value);
                }
                else
                {
                    ((Int64Array.Builder)builder.ValueBuilder).Append(value);
                }
            }
        }

        return builder.Build();
    }

    private static LargeBinaryArray LargeBinaries(params byte[]?[] values) => new(LargeBytes(LargeBinaryType.Default, values));

    private static LargeStringArray LargeStrings(params string?[] values) =>
        new(LargeBytes(LargeStringType.Default, [.. values.Select(v => v is null ? null : Encoding.UTF8.GetBytes(v))]));

    private static ArrayData LargeBytes(IArrowType type, byte[]?[] values)
    {
        var (validity, nulls) = Validity(values);
        var data = values.SelectMany(v => v ?? []).ToArray();
        return new ArrayData(type, values.Length, nulls, 0, [validity, Offsets(values.Select(v => v?.Length ?? 0)), new ArrowBuffer(data)]);
    }

    private static TimestampArray Timestamps(TimeUnit unit, params long?[] values)
    {
        var (validity, nulls) = Validity(values);
        var data = values.Select(v => v ?? 0).ToArray();
        return new TimestampArray(new ArrayData(new TimestampType(unit, "UTC"), values.Length, nulls, 0,
            [validity, new ArrowBuffer(MemoryMarshal.AsBytes(data.AsSpan()).ToArray())]));
    }

    /// <summary>The validity bitmap of <paramref name="values"/> (a bit set per non-null value) and the null count.</summary>
    private static (ArrowBuffer Bitmap, int Nulls) Validity<T>(IReadOnlyList<T> values)
    {
        var bitmap = new byte[(values.Count + 7) / 8];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not null)
            {
                bitmap[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        return (new ArrowBuffer(bitmap), values.Count(v => v is null));
    }

    /// <summary>64-bit offsets for items of the given lengths: 0, then the running sums.</summary>
    private static ArrowBuffer Offsets(IEnumerable<int> lengths)
    {
        long[] offsets = [0, .. lengths];
        for (var i = 1; i < offsets.Length; i++)
        {
            offsets[i] += offsets[i - 1];
        }

        return new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray());
    }
}
