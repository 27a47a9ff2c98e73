using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// The lossless widenings of the <c>union_by_name</c> schema policy: the narrowest type two objects' types of one column
/// both convert to without losing a value. The list is deliberately short and strict (no integer to float, no date32 to
/// date64, no zone conversions), because the array casts that later move each object's values into the union type must
/// implement exactly the same list; anything not listed is a conflict the user resolves. Inputs are normalized footer
/// types (see <see cref="Parquet.ArrowTypeNormalizer"/>): no dictionaries, views or 32/64-bit decimals.
/// </summary>
internal static class TypeWidening
{
    /// <summary>Largest precision a decimal128 holds; past it the union needs decimal256.</summary>
    private const int MaxDecimal128Precision = 38;

    /// <summary>Largest precision a decimal256 holds; past it no decimal type holds both.</summary>
    private const int MaxDecimal256Precision = 76;

    /// <summary>
    /// The narrowest type both <paramref name="a"/> and <paramref name="b"/> convert to without loss, or null when there is
    /// none. Equal types give <paramref name="a"/>; where the two differ only in details the union keeps from one side
    /// (a nested field's name or metadata), <paramref name="a"/> (the newer) wins.
    /// </summary>
    public static IArrowType? Widen(IArrowType a, IArrowType b) => Widen(a, b, out _);

    /// <summary>As <see cref="Widen(IArrowType, IArrowType)"/>, and on a conflict, where inside the two types it is.</summary>
    internal static IArrowType? Widen(IArrowType newer, IArrowType older, out TypeConflict? conflict)
    {
        conflict = null;
        if (ReferenceEquals(newer, older) || ArrowTypeText.Of(newer) == ArrowTypeText.Of(older))
        {
            return newer;
        }

        if (NestedTypeWidening.Handles(newer) && NestedTypeWidening.Handles(older))
        {
            return NestedTypeWidening.Widen(newer, older, out conflict);
        }

        var widened = WidenScalar(newer, older);
        if (widened is null)
        {
            conflict = new TypeMismatch("", newer, older);
        }

        return widened;
    }

    private static IArrowType? WidenScalar(IArrowType a, IArrowType b)
    {
        if (IntegerTypes.Of(a) is { } ia && IntegerTypes.Of(b) is { } ib)
        {
            return WidenIntegers(ia, ib);
        }

        if (a is FloatingPointType && b is FloatingPointType)
        {
            // Only different float types get here; float64 holds every float16 and float32 value exactly.
            return DoubleType.Default;
        }

        if (DecimalOf(a) is { } da && DecimalOf(b) is { } db)
        {
            return WidenDecimals(da, db);
        }

        return (a, b) switch
        {
            (TimestampType ta, TimestampType tb) => WidenTimestamps(ta, tb),
            (TimeType ta, TimeType tb) => TimeOf(Finer(ta.Unit, tb.Unit)),
            _ => WidenVariableLength(a.TypeId, b.TypeId),
        };
    }

    private static IArrowType? WidenIntegers((bool Signed, int Bits) a, (bool Signed, int Bits) b)
    {
        if (a.Signed == b.Signed)
        {
            return IntegerTypes.Of(a.Signed, Math.Max(a.Bits, b.Bits));
        }

        var (unsigned, signed) = a.Signed ? (b, a) : (a, b);
        // A signed type holds every unsigned value only when it is strictly wider; nothing is wider than 64 bits here
        // (no int128), so uint64 with any signed type is a conflict.
        return unsigned.Bits == 64 ? null : IntegerTypes.Of(signed: true, Math.Max(unsigned.Bits * 2, signed.Bits));
    }

    private static IArrowType? WidenDecimals((int Precision, int Scale, bool Wide) a, (int Precision, int Scale, bool Wide) b)
    {
        // Keep every fractional digit of either side and every integer digit of either side.
        var scale = Math.Max(a.Scale, b.Scale);
        var integerDigits = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
        var precision = integerDigits + scale;
        if (precision <= MaxDecimal128Precision && !a.Wide && !b.Wide)
        {
            return new Decimal128Type(precision, scale);
        }

        return precision <= MaxDecimal256Precision ? new Decimal256Type(precision, scale) : null;
    }

    private static TimestampType? WidenTimestamps(TimestampType a, TimestampType b)
    {
        // Zones are compared as written: "UTC" and "+00:00" denote the same instants, but a destination may keep the zone
        // text, so mixing them is the user's call, not ours.
        var sameZone = string.IsNullOrEmpty(a.Timezone) ? string.IsNullOrEmpty(b.Timezone) : string.Equals(a.Timezone, b.Timezone, StringComparison.Ordinal);
        return sameZone ? new TimestampType(Finer(a.Unit, b.Unit), a.Timezone) : null;
    }

    private static IArrowType? WidenVariableLength(ArrowTypeId a, ArrowTypeId b) => (a, b) switch
    {
        (ArrowTypeId.String, ArrowTypeId.LargeString) or (ArrowTypeId.LargeString, ArrowTypeId.String) => LargeStringType.Default,
        (ArrowTypeId.Binary, ArrowTypeId.LargeBinary) or (ArrowTypeId.LargeBinary, ArrowTypeId.Binary) => LargeBinaryType.Default,
        _ => null,
    };

    private static TimeUnit Finer(TimeUnit a, TimeUnit b) => (TimeUnit)Math.Max((int)a, (int)b);

    /// <summary>time32 carries seconds and milliseconds, time64 microseconds and nanoseconds.</summary>
    private static TimeType TimeOf(TimeUnit unit) => unit <= TimeUnit.Millisecond ? new Time32Type(unit) : new Time64Type(unit);



    private static (int Precision, int Scale, bool Wide)? DecimalOf(IArrowType type) => type switch
    {
        Decimal128Type d => (d.Precision, d.Scale, false),
        Decimal256Type d => (d.Precision, d.Scale, true),
        _ => null,
    };
}
