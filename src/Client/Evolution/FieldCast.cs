using Apache.Arrow;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// How one field of a table's schema (or of a struct in it) is filled from an object's: from the object's field of the
/// same name through a cast, or, when the object lacks it, with nulls. Fields are matched by name because objects
/// written at different times order and add their columns freely; the table's order wins.
/// </summary>
/// <param name="SourceIndex">The position of the object's field of that name; -1 when it has none.</param>
/// <param name="Cast">The cast from the object's field; null when it has none.</param>
/// <param name="Target">The table's field.</param>
internal readonly record struct FieldCast(int SourceIndex, ArrayCast? Cast, Field Target)
{
    /// <summary>
    /// The field matched by name in <paramref name="source"/> for each of <paramref name="target"/>, in the target's
    /// order; <paramref name="parent"/> (empty at the top) prefixes the names in messages.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A source field has no target field (the union contains every field), a name appears twice, or a type does not widen.
    /// </exception>
    public static FieldCast[] Match(IReadOnlyList<Field> target, IReadOnlyList<Field> source, string parent)
    {
        var sourceIndex = IndexByName(source, parent, "source");
        var targetIndex = IndexByName(target, parent, "target");
        var extra = source.Where(field => !targetIndex.ContainsKey(field.Name)).Select(field => $"\"{PathOf(parent, field.Name)}\"").ToList();
        if (extra.Count > 0)
        {
            throw new ArgumentException($"the target has no field {string.Join(", ", extra)}: it should be the union of every source's fields", nameof(target));
        }

        return target.Select(field => sourceIndex.TryGetValue(field.Name, out var index)
                ? new FieldCast(index, ArrayWidener.Plan(source[index].DataType, field.DataType, PathOf(parent, field.Name)), field)
                : new FieldCast(-1, null, field))
            .ToArray();
    }

    /// <summary>The field's rows: <paramref name="source"/> cast, or <paramref name="length"/> nulls when there is no source field.</summary>
    public ArrayData Apply(ArrayData? source, int length) =>
        Cast is null ? NullArrays.DataOf(Target.DataType, length) : Cast.Apply(source ?? throw new ArgumentNullException(nameof(source)));

    /// <summary>A nested field's name in messages: <c>point.ts</c>.</summary>
    public static string PathOf(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static Dictionary<string, int> IndexByName(IReadOnlyList<Field> fields, string parent, string side)
    {
        var index = new Dictionary<string, int>(fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            if (!index.TryAdd(fields[i].Name, i))
            {
                throw new ArgumentException($"the {side} has two fields named \"{PathOf(parent, fields[i].Name)}\": fields are matched by name", side);
            }
        }

        return index;
    }
}
