using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// Moves a column's values from the type an object stores into the wider type its table gives it, the table's schema
/// being the union of its objects' schemas. Apache.Arrow for .NET has no casts, so these are ours, and they are exactly
/// the lossless widenings the union produces; anything else is refused when planned, before a batch is read:
/// <list type="bullet">
/// <item><description>a signed integer into a wider signed one, an unsigned into a wider unsigned one or into a strictly
/// wider signed one; <c>float32</c> into <c>float64</c> (<see cref="NumberCast"/>);</description></item>
/// <item><description><c>decimal128</c> into a decimal128 or decimal256, decimal256 into decimal256, keeping every
/// fractional and integer digit (<see cref="DecimalCast"/>);</description></item>
/// <item><description>a timestamp into a finer unit with the same zone, a time of day into a finer unit
/// (<see cref="TimeUnitCast"/>);</description></item>
/// <item><description><c>utf8</c> and <c>binary</c> into their large forms (<see cref="LargeBinaryCast"/>);</description></item>
/// <item><description>lists (into <c>large_list</c> too), fixed-size lists, structs (fields by name, missing ones null)
/// and maps, their contents cast recursively (<see cref="ListCast"/>, <see cref="StructCast"/>,
/// <see cref="MapCast"/>).</description></item>
/// </list>
/// Equal types, and nested types whose contents are equal, are shared rather than copied (<see cref="ShareCast"/>).
/// Extension types are planned as their storage, the way records carry them.
/// </summary>
internal static class ArrayWidener
{
    /// <summary>
    /// <paramref name="source"/>'s rows as an array of <paramref name="target"/>; <paramref name="column"/> names it in
    /// messages. The result holds its own references to whatever it shares with the source; the source stays the
    /// caller's to dispose, before or after the result.
    /// </summary>
    /// <exception cref="ArgumentException">The source's type does not widen into <paramref name="target"/>.</exception>
    /// <exception cref="ColumnWideningException">A value does not fit the target type.</exception>
    public static IArrowArray Widen(IArrowArray source, IArrowType target, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(column);
        var storage = source is ExtensionArray extension ? extension.Storage : source;
        return ArrowArrayFactory.BuildArray(Plan(storage.Data.DataType, target, column).Apply(storage.Data));
    }

    /// <summary>The cast of a <paramref name="source"/> column into <paramref name="target"/>, planned once for many batches.</summary>
    /// <exception cref="ArgumentException">The source's type does not widen into <paramref name="target"/>.</exception>
    internal static ArrayCast Plan(IArrowType source, IArrowType target, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        source = StorageOf(source);
        target = StorageOf(target);
        if (ArrowTypeText.Of(source) == ArrowTypeText.Of(target))
        {
            return new ShareCast(target);
        }

        if (NumberCast.Handles(source, target))
        {
            return NumberCast.For(source, target);
        }

        var cast = DecimalCast.For(source, target, column)
            ?? TimeUnitCast.For(source, target, column)
            ?? LargeBinaryCast.For(source, target)
            ?? PlanNested(source, target, column);
        return cast ?? throw new ArgumentException(
            $"column \"{column}\": {ArrowTypeText.Of(source)} does not widen into {ArrowTypeText.Of(target)}", nameof(target));
    }

    private static ArrayCast? PlanNested(IArrowType source, IArrowType target, string column)
    {
        if (ListCast.ElementsOf(source, target) is { } elements)
        {
            var path = FieldCast.PathOf(column, elements.Target.Name);
            return ListCast.For(target, Plan(elements.Source.DataType, elements.Target.DataType, path));
        }

        return (source, target) switch
        {
            (StructType s, StructType t) => StructCast.For(s, t, column),
            (MapType s, MapType t) => MapCast.For(s, t, column),
            _ => null,
        };
    }

    private static IArrowType StorageOf(IArrowType type) => type is ExtensionType extension ? extension.StorageType : type;
}
