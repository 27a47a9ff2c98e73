using System.Globalization;
using Apache.Arrow;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// The schemas of JSON Lines objects. In columns mode: one column per top-level key, then the overflow column,
/// <c>_extra</c>, a json object of the keys a line has beyond those (keys first seen after inference). In raw mode:
/// one json column, <c>data</c>. An object without rows has no columns at all.
/// </summary>
/// <remarks>
/// When a key is itself named <c>_extra</c> it is a column like any other, and the overflow column takes the first
/// of <c>_extra_2</c>, <c>_extra_3</c>, … that no key has: a key's data is never renamed or hidden.
/// </remarks>
internal static class JsonLinesSchema
{
    /// <summary>The overflow column's name, when no key has it.</summary>
    public const string OverflowName = "_extra";

    /// <summary>The one column of raw mode.</summary>
    public const string RawColumnName = "data";

    /// <summary>The schema of an object without rows.</summary>
    public static Schema Empty { get; } = new([], null);

    /// <summary>The schema of every object in raw mode.</summary>
    public static Schema Raw { get; } = new([TextTypes.ToField(RawColumnName, TextType.Json)], null);

    /// <summary>
    /// The key columns in order, each of its type (a column that held only nulls is utf8), then the overflow column.
    /// </summary>
    public static Schema Columns(IReadOnlyList<string> names, IReadOnlyList<TextType> types)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(types);
        var fields = new List<Field>(names.Count + 1);
        for (var i = 0; i < names.Count; i++)
        {
            fields.Add(TextTypes.ToField(names[i], types[i] == TextType.Empty ? TextType.Utf8 : types[i]));
        }

        fields.Add(TextTypes.ToField(OverflowNameBeside(names.ToHashSet(StringComparer.Ordinal)), TextType.Json));
        return new Schema(fields, null);
    }

    /// <summary>
    /// The position of the overflow column in a schema <see cref="Columns"/> made: the last json field named as
    /// <see cref="OverflowNameBeside"/> names it for the other fields; -1 when there is none.
    /// </summary>
    public static int FindOverflow(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = schema.FieldsList;
        for (var i = fields.Count - 1; i >= 0; i--)
        {
            if (TextTypes.Of(fields[i]) != TextType.Json || !fields[i].Name.StartsWith(OverflowName, StringComparison.Ordinal))
            {
                continue;
            }

            var others = fields.Where((_, j) => j != i).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            if (fields[i].Name == OverflowNameBeside(others))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>_extra</c>, or when a column has that name, the first of <c>_extra_2</c>, <c>_extra_3</c>, … none has.</summary>
    public static string OverflowNameBeside(IReadOnlySet<string> columnNames)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        var name = OverflowName;
        for (var suffix = 2; columnNames.Contains(name); suffix++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{OverflowName}_{suffix}");
        }

        return name;
    }
}
