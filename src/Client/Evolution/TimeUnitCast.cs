using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// Timestamps into a finer unit with the same zone, and times of day into a finer unit (<c>time32</c> seconds into
/// milliseconds, either into <c>time64</c>, microseconds into nanoseconds): each value is multiplied by 1000 per step.
/// A timestamp in seconds past about year 2262 has no nanosecond value in 64 bits, so every valid value is checked and
/// one that does not fit fails the object with <see cref="ColumnWideningException"/> rather than wrapping into a wrong
/// instant. Values under nulls are not read (they may be anything) and become 0.
/// </summary>
internal sealed class TimeUnitCast : ArrayCast
{
    /// <summary>What a value is multiplied by for 0, 1, 2 or 3 steps of 1000.</summary>
    private static readonly long[] Factors = [1, 1_000, 1_000_000, 1_000_000_000];

    private readonly IArrowType _source;
    private readonly string _column;
    private readonly long _factor;

    private TimeUnitCast(IArrowType source, IArrowType target, string column, long factor)
        : base(target)
    {
        _source = source;
        _column = column;
        _factor = factor;
    }

    /// <summary>
    /// The cast of <paramref name="source"/> into <paramref name="target"/>, or null when that is not a widening: a
    /// coarser unit, a timestamp into another zone (the same instants, but a destination may keep the zone text), or not
    /// two timestamps or two times.
    /// </summary>
    public static TimeUnitCast? For(IArrowType source, IArrowType target, string column)
    {
        var (from, to) = (source, target) switch
        {
            (TimestampType s, TimestampType t) when SameZone(s, t) => (s.Unit, t.Unit),
            (TimeType s, TimeType t) when !(s is Time64Type && t is Time32Type) => (s.Unit, t.Unit),
            _ => ((TimeUnit?)null, (TimeUnit?)null),
        };
        if (from is null || to is null || to < from)
        {
            return null;
        }

        return new TimeUnitCast(source, target, column, Factors[to.Value - from.Value]);
    }

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var narrowSource = source.DataType.TypeId == ArrowTypeId.Time32;
        var values = (narrowSource, Target.TypeId == ArrowTypeId.Time32) switch
        {
            (true, true) => Scale<int, int>(source),
            (true, false) => Scale<int, long>(source),
            _ => Scale<long, long>(source),
        };
        var (validity, nullCount) = ValidityBitmap.Rebase(source);
        return new ArrayData(Target, source.Length, nullCount, 0, [validity, values]);
    }

    private ArrowBuffer Scale<TFrom, TTo>(ArrayData source)
        where TFrom : unmanaged, IBinaryInteger<TFrom>
        where TTo : unmanaged, IBinaryInteger<TTo>, IMinMaxValue<TTo>
    {
        var (min, max) = (long.CreateChecked(TTo.MinValue) / _factor, long.CreateChecked(TTo.MaxValue) / _factor);
        var values = source.Buffers[1].Span.CastTo<TFrom>().Slice(source.Offset, source.Length);
        var validity = source.Buffers[0].Span;
        var anyNull = !validity.IsEmpty && source.NullCount != 0;
        var scaled = new ArrowBuffer.Builder<TTo>(source.Length).Resize(source.Length);
        var into = scaled.Span;
        for (var i = 0; i < values.Length; i++)
        {
            if (anyNull && !BitUtility.GetBit(validity, source.Offset + i))
            {
                into[i] = TTo.Zero;
                continue;
            }

            var value = long.CreateChecked(values[i]);
            if (value < min || value > max)
            {
                throw new ColumnWideningException(_column, value.ToString(CultureInfo.InvariantCulture), _source, Target);
            }

            into[i] = TTo.CreateChecked(value * _factor);
        }

        return scaled.Build();
    }

    private static bool SameZone(TimestampType a, TimestampType b) =>
        string.IsNullOrEmpty(a.Timezone) ? string.IsNullOrEmpty(b.Timezone) : string.Equals(a.Timezone, b.Timezone, StringComparison.Ordinal);
}
