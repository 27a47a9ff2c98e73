using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// Builds the arrays of appended columns: one value repeated (or all null), and the row-number sequence.
/// Buffers are managed memory, like the id columns', so an array's lifetime is the garbage collector's business
/// and sharing one across records needs no reference counting to be safe.
/// </summary>
internal static class ConstantArrays
{
    private static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>
    /// True when <paramref name="value"/> can fill a column of <paramref name="type"/>: null, or the CLR type
    /// <see cref="HiveValueParser.Parse"/> returns for it.
    /// </summary>
    public static bool Fits(IArrowType type, object? value) => value is null || (HiveValueTypes.TryOf(type, out var hive) && hive switch
    {
        HiveValueType.Utf8 => value is string,
        HiveValueType.Int32 => value is int,
        HiveValueType.Int64 => value is long,
        HiveValueType.Float64 => value is double,
        HiveValueType.Bool => value is bool,
        HiveValueType.Date32 => value is DateOnly,
        _ => value is DateTimeOffset,
    });

    /// <summary><paramref name="length"/> copies of <paramref name="value"/>, or <paramref name="length"/> nulls.</summary>
    /// <exception cref="ArgumentException">The value does not <see cref="Fits"/> the type.</exception>
    public static ArrayData Build(IArrowType type, object? value, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!Fits(type, value))
        {
            throw new ArgumentException($"A {value!.GetType().Name} cannot fill a {type.Name} column.", nameof(value));
        }

        return value switch
        {
            null => AllNull(type, length),
            string text => Text(text, length),
            int number => Fixed(type, number, length),
            long number => Fixed(type, number, length),
            double number => Fixed(type, number, length),
            bool flag => Bits(flag, length),
            DateOnly date => Fixed(type, date.DayNumber - UnixEpochDay, length),
            _ => Fixed(type, MicrosecondsSinceEpoch((DateTimeOffset)value), length),
        };
    }

    /// <summary>The non-null int64 column <paramref name="first"/>, <paramref name="first"/> + 1, ….</summary>
    public static Int64Array Sequence(long first, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var bytes = GC.AllocateUninitializedArray<byte>(checked(length * sizeof(long)));
        var values = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = first + i;
        }

        return new Int64Array(new ArrayData(Int64Type.Default, length, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(bytes)]));
    }

    /// <summary>The instant as timestamp[us] stores it; ticks below a microsecond are dropped towards the past.</summary>
    public static long MicrosecondsSinceEpoch(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var micros = ticks / TimeSpan.TicksPerMicrosecond;
        return ticks % TimeSpan.TicksPerMicrosecond < 0 ? micros - 1 : micros;
    }

    private static ArrayData Fixed<T>(IArrowType type, T value, int length)
        where T : unmanaged
    {
        var bytes = GC.AllocateUninitializedArray<byte>(checked(length * Marshal.SizeOf<T>()));
        MemoryMarshal.Cast<byte, T>(bytes.AsSpan()).Fill(value);
        return new ArrayData(type, length, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(bytes)]);
    }

    private static ArrayData Bits(bool value, int length)
    {
        var bytes = new byte[BitUtility.ByteCount(length)];
        if (value)
        {
            bytes.AsSpan().Fill(0xFF);
        }

        return new ArrayData(BooleanType.Default, length, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(bytes)]);
    }

    // The bytes once per row: utf8 offsets must increase, so rows cannot point at one shared copy.
    private static ArrayData Text(string value, int length)
    {
        var size = Encoding.UTF8.GetByteCount(value);
        var data = GC.AllocateUninitializedArray<byte>(checked(length * size));
        if (data.Length > 0)
        {
            Encoding.UTF8.GetBytes(value, data);
            for (var filled = size; filled < data.Length; filled *= 2)
            {
                data.AsSpan(0, Math.Min(filled, data.Length - filled)).CopyTo(data.AsSpan(filled));
            }
        }

        var offsets = GC.AllocateUninitializedArray<byte>(checked((length + 1) * sizeof(int)));
        var ints = MemoryMarshal.Cast<byte, int>(offsets.AsSpan());
        for (var i = 0; i < ints.Length; i++)
        {
            ints[i] = i * size;
        }

        return new ArrayData(StringType.Default, length, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(offsets), new ArrowBuffer(data)]);
    }

    // Zeroed validity says every row is null; the zeroed values (and offsets) keep the layout valid.
    private static ArrayData AllNull(IArrowType type, int length)
    {
        var validity = new ArrowBuffer(new byte[BitUtility.ByteCount(length)]);
        ArrowBuffer[] buffers = type switch
        {
            StringType => [validity, new ArrowBuffer(new byte[checked((length + 1) * sizeof(int))]), ArrowBuffer.Empty],
            BooleanType => [validity, new ArrowBuffer(new byte[BitUtility.ByteCount(length)])],
            FixedWidthType fixedWidth => [validity, new ArrowBuffer(new byte[checked(length * fixedWidth.BitWidth / 8)])],
            _ => throw new ArgumentException($"No all-null layout for {type.Name}.", nameof(type)),
        };
        return new ArrayData(type, length, length, 0, buffers);
    }
}
