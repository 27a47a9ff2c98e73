using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// <c>decimal128</c> into a <c>decimal128</c> or <c>decimal256</c>, and <c>decimal256</c> into a wider
/// <c>decimal256</c>, keeping every digit: the target keeps at least the source's fractional digits (scale) and its
/// integer digits (precision minus scale), so the unscaled value is multiplied by 10 to the power of the scale
/// difference, exactly. A value that does not fit the target's width anyway (one with more digits than its type
/// declares) fails the object with <see cref="ColumnWideningException"/> rather than wrapping. Values under nulls are
/// not read and become 0.
/// </summary>
internal sealed class DecimalCast : ArrayCast
{
    /// <summary>10^38 is the largest power of ten an <see cref="Int128"/> holds.</summary>
    private const int MaxInt128Power = 38;

    private readonly IArrowType _source;
    private readonly string _column;
    private readonly int _sourceScale;
    private readonly BigInteger _factor;
    private readonly Int128? _smallFactor;

    private DecimalCast(IArrowType source, IArrowType target, string column, int sourceScale, int scaleUp)
        : base(target)
    {
        _source = source;
        _column = column;
        _sourceScale = sourceScale;
        _factor = BigInteger.Pow(10, scaleUp);
        _smallFactor = scaleUp <= MaxInt128Power ? (Int128)_factor : null;
    }

    /// <summary>
    /// The cast of <paramref name="source"/> into <paramref name="target"/>: a <see cref="ShareCast"/> when only the
    /// precision grows (the bytes are the same), null when it is not a widening (fewer fractional or integer digits,
    /// decimal256 into decimal128, or not two decimals).
    /// </summary>
    public static ArrayCast? For(IArrowType source, IArrowType target, string column)
    {
        if (DecimalOf(source) is not { } from || DecimalOf(target) is not { } to)
        {
            return null;
        }

        var widening = to.Scale >= from.Scale && to.Precision - to.Scale >= from.Precision - from.Scale && (to.Wide || !from.Wide);
        if (!widening)
        {
            return null;
        }

        return to.Scale == from.Scale && to.Wide == from.Wide
            ? new ShareCast(target)
            : new DecimalCast(source, target, column, from.Scale, to.Scale - from.Scale);
    }

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (fromWidth, toWidth) = (ByteWidth(source.DataType), ByteWidth(Target));
        var bytes = source.Buffers[1].Span;
        var validity = source.Buffers[0].Span;
        var anyNull = !validity.IsEmpty && source.NullCount != 0;
        var rescaled = new ArrowBuffer.Builder<byte>(source.Length * toWidth).Resize(source.Length * toWidth);
        var into = rescaled.Span;
        for (var i = 0; i < source.Length; i++)
        {
            var slot = into.Slice(i * toWidth, toWidth);
            if (anyNull && !BitUtility.GetBit(validity, source.Offset + i))
            {
                slot.Clear();
                continue;
            }

            var value = bytes.Slice((source.Offset + i) * fromWidth, fromWidth);
            if (!(TryRescaleSmall(value, slot) || TryRescaleBig(value, slot)))
            {
                throw new ColumnWideningException(_column, DecimalText(Read(value), _sourceScale), _source, Target);
            }
        }

        var (bitmap, nullCount) = ValidityBitmap.Rebase(source);
        return new ArrayData(Target, source.Length, nullCount, 0, [bitmap, rescaled.Build()]);
    }

    /// <summary>The common case in <see cref="Int128"/> arithmetic, without allocating: false when it may not fit.</summary>
    private bool TryRescaleSmall(ReadOnlySpan<byte> value, Span<byte> slot)
    {
        if (_smallFactor is not { } factor || !TryReadInt128(value, out var unscaled)
            || unscaled > Int128.MaxValue / factor || unscaled < Int128.MinValue / factor)
        {
            return false;
        }

        var result = unscaled * factor;
        BinaryPrimitives.WriteInt128LittleEndian(slot, result);
        if (slot.Length > 16)
        {
            BinaryPrimitives.WriteInt128LittleEndian(slot[16..], result < 0 ? Int128.NegativeOne : Int128.Zero);
        }

        return true;
    }

    /// <summary>Any value in <see cref="BigInteger"/> arithmetic: false when the result does not fit the slot.</summary>
    private bool TryRescaleBig(ReadOnlySpan<byte> value, Span<byte> slot)
    {
        var result = Read(value) * _factor;
        if (!result.TryWriteBytes(slot, out var written, isUnsigned: false, isBigEndian: false))
        {
            return false;
        }

        // Two's complement: the bytes past the shortest form repeat the sign.
        slot[written..].Fill(result.Sign < 0 ? byte.MaxValue : (byte)0);
        return true;
    }

    /// <summary>The value as an <see cref="Int128"/> when it is one: a decimal128, or a decimal256 whose high half only repeats the sign.</summary>
    private static bool TryReadInt128(ReadOnlySpan<byte> value, out Int128 unscaled)
    {
        unscaled = BinaryPrimitives.ReadInt128LittleEndian(value);
        return value.Length == 16 || BinaryPrimitives.ReadInt128LittleEndian(value[16..]) == (unscaled < 0 ? Int128.NegativeOne : Int128.Zero);
    }

    private static BigInteger Read(ReadOnlySpan<byte> value) => new(value, isUnsigned: false, isBigEndian: false);

    /// <summary>The unscaled value with its decimal point, the way users read it (<c>-123.45</c>).</summary>
    internal static string DecimalText(BigInteger unscaled, int scale)
    {
        if (scale <= 0)
        {
            return (unscaled * BigInteger.Pow(10, -scale)).ToString(CultureInfo.InvariantCulture);
        }

        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = scale == 0 ? digits : $"{digits[..^scale]}.{digits[^scale..]}";
        return unscaled.Sign < 0 ? "-" + text : text;
    }

    private static int ByteWidth(IArrowType type) => type.TypeId == ArrowTypeId.Decimal256 ? 32 : 16;

    private static (int Precision, int Scale, bool Wide)? DecimalOf(IArrowType type) => type switch
    {
        Decimal128Type d => (d.Precision, d.Scale, false),
        Decimal256Type d => (d.Precision, d.Scale, true),
        _ => null,
    };
}
