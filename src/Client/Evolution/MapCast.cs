using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// A map whose keys or values widen. The offsets and validity of the map and of its key/value entries are shared; the
/// keys and values are cast over their whole length, so the entries keep their offset. The entries struct is rebuilt
/// with the table's type rather than conformed as a struct: it always has exactly a key and a value (Apache.Arrow names
/// them so whatever the file says), and its own layout never changes.
/// </summary>
internal sealed class MapCast : ArrayCast
{
    private readonly ArrayCast _keys;
    private readonly ArrayCast _values;

    private MapCast(MapType target, ArrayCast keys, ArrayCast values)
        : base(target) => (_keys, _values) = (keys, values);

    /// <summary>The cast of <paramref name="source"/> into <paramref name="target"/>, keys and values named under <paramref name="column"/>.</summary>
    /// <exception cref="ArgumentException">The keys or values do not widen.</exception>
    public static MapCast For(MapType source, MapType target, string column) => new(
        target,
        ArrayWidener.Plan(source.KeyField.DataType, target.KeyField.DataType, FieldCast.PathOf(column, target.KeyField.Name)),
        ArrayWidener.Plan(source.ValueField.DataType, target.ValueField.DataType, FieldCast.PathOf(column, target.ValueField.Name)));

    public override ArrayData Apply(ArrayData source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var entries = source.Children[0];
        var keys = _keys.Apply(entries.Children[0]);
        ArrayData values;
        try
        {
            values = _values.Apply(entries.Children[1]);
        }
        catch
        {
            keys.Dispose();
            throw;
        }

        var entriesType = ((MapType)Target).KeyValueType;
        var castEntries = new ArrayData(entriesType, entries.Length, entries.NullCount, entries.Offset, Retained(entries.Buffers), [keys, values]);
        return new ArrayData(Target, source.Length, source.NullCount, source.Offset, Retained(source.Buffers), [castEntries]);
    }

    private static ArrowBuffer[] Retained(ArrowBuffer[] buffers) => buffers.Select(buffer => buffer.Retain()).ToArray();
}
