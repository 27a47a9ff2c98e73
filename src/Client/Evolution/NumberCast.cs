using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// Integers into wider integers and <c>float32</c> into <c>float64</c>. Every such conversion is exact (an unsigned type
/// goes only into a strictly wider signed one, and every float32, NaN, infinities, signed zero and subnormals included, is
/// a float64), so no value is checked; the values under nulls are converted too, which is harmless.
/// </summary>
internal sealed class NumberCast : ArrayCast
{
    private readonly Func<ArrayData, ArrowBuffer> _convert;

    private NumberCast(IArrowType target, Func<ArrayData, ArrowBuffer> convert)
        : base(target) => _convert = convert;

    /// <summary>Whether <paramref name="source"/> widens into <paramref name="target"/> by this cast.</summary>
    public static bool Handles(IArrowType source, IArrowType target)
    {
        if (source.TypeId == ArrowTypeId.Float && target.TypeId == ArrowTypeId.Double)
        {
            return true;
        }

        if (IntegerTypes.Of(source) is not { } from || IntegerTypes.Of(target) is not { } to)
        {
            return false;
        }

        return from.Signed == to.Signed ? to.Bits > from.Bits : !from.Signed && to.Bits > from.Bits;
    }

    /// <summary>The cast of <paramref name="source"/> values into <paramref name="target"/>; see <see cref="Handles"/>.</summary>
    public static NumberCast For(IArrowType source, IArrowType target)
    {
        if (!Handles(source, target))
        {
            throw new ArgumentException($"{source.Name} does not widen into {target.Name} as a number", nameof(target));
        }

        return new NumberCast(target, source.TypeId switch
        {
            ArrowTypeId.Int8 => Into<sbyte>(target),
            ArrowTypeId.Int16 => Into<short>(target),
            ArrowTypeId.Int32 => Into<int>(target),
            ArrowTypeId.UInt8 => Into<byte>(target),
            ArrowTypeId.UInt16 => Into<ushort>(target),
            ArrowTypeId.UInt32 => Into<uint>(target),
            _ => Into<float>(target),
        });
    }

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var values = _convert(source);
        var (validity, nullCount) = ValidityBitmap.Rebase(source);
        return new ArrayData(Target, source.Length, nullCount, 0, [validity, values]);
    }

    private static Func<ArrayData, ArrowBuffer> Into<TFrom>(IArrowType target)
        where TFrom : unmanaged, INumberBase<TFrom> => target.TypeId switch
        {
            ArrowTypeId.Int16 => Convert<TFrom, short>,
            ArrowTypeId.Int32 => Convert<TFrom, int>,
            ArrowTypeId.Int64 => Convert<TFrom, long>,
            ArrowTypeId.UInt16 => Convert<TFrom, ushort>,
            ArrowTypeId.UInt32 => Convert<TFrom, uint>,
            ArrowTypeId.UInt64 => Convert<TFrom, ulong>,
            _ => Convert<TFrom, double>,
        };

    private static ArrowBuffer Convert<TFrom, TTo>(ArrayData source)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        var values = source.Buffers[1].Span.CastTo<TFrom>().Slice(source.Offset, source.Length);
        var widened = new ArrowBuffer.Builder<TTo>(source.Length).Resize(source.Length);
        var into = widened.Span;
        for (var i = 0; i < values.Length; i++)
        {
            into[i] = TTo.CreateChecked(values[i]);
        }

        return widened.Build();
    }
}
