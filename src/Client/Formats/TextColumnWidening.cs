using Apache.Arrow;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Evolution;
using CqSourceS3.Client.Text;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// Gives the text objects of one table the same type per column before their schemas are compared. Each object's types
/// come from its own first rows, so one object may see only integers where another sees decimals, or only dates where
/// another sees times. The text of every value is still there to be parsed again, so each object is simply read as the
/// wider type (<see cref="TextTypes.Widen"/>: int64 and float64 make float64, date and timestamp make timestamp, any
/// other pair utf8). The lossless widening of Parquet columns cannot do this: it refuses int64 beside float64, because
/// a stored int64 beyond 2^53 would lose digits as a double; a text value parsed as a double loses none it had not.
/// </summary>
internal static class TextColumnWidening
{
    /// <summary>
    /// <paramref name="files"/> with every column that differs in type between them retyped to the widest; schemas
    /// that need no change (and the cache's shared instances) are kept as they are.
    /// </summary>
    public static List<ObjectFileInfo> Apply(List<ObjectFileInfo> files)
    {
        var schemas = files.Select(f => f.Schema).Distinct(ReferenceEqualityComparer.Instance).Cast<Schema>().ToList();
        var widest = new Dictionary<string, TextType>(StringComparer.Ordinal);
        foreach (var field in schemas.SelectMany(s => s.FieldsList))
        {
            if (TextTypes.Of(field) is { } type)
            {
                widest[field.Name] = widest.TryGetValue(field.Name, out var seen) ? TextTypes.Widen(seen, type) : type;
            }
        }

        var retyped = new Dictionary<Schema, Schema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in schemas)
        {
            retyped[schema] = Retype(schema, widest);
        }

        return [.. files.Select(f => ReferenceEquals(retyped[f.Schema], f.Schema) ? f : f with { Schema = retyped[f.Schema] })];
    }

    /// <summary>
    /// <paramref name="evolution"/> (what the schema check found in the widened objects) with the types
    /// <see cref="Apply"/> widened away added to each column's "widened from": the types the columns had in
    /// <paramref name="files"/>, the objects as inferred, newest object first, and not the table's own type.
    /// </summary>
    public static IReadOnlyList<ColumnEvolution> WithTypesBeforeWidening(IReadOnlyList<ColumnEvolution> evolution, IEnumerable<ObjectFileInfo> files, Schema table)
    {
        var inferred = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var newestFirst = files.OrderByDescending(f => f.StoredObject.LastModified).ThenBy(f => f.StoredObject.Key, StringComparer.Ordinal);
        foreach (var field in newestFirst.Select(f => f.Schema).Distinct(ReferenceEqualityComparer.Instance).Cast<Schema>().SelectMany(s => s.FieldsList))
        {
            var types = inferred.TryGetValue(field.Name, out var seen) ? seen : inferred[field.Name] = [];
            var text = ArrowTypeText.Of(field.DataType);
            if (!types.Contains(text))
            {
                types.Add(text);
            }
        }

        return [.. evolution.Select(column =>
        {
            var tableType = table.GetFieldByName(column.Name) is { } field ? ArrowTypeText.Of(field.DataType) : null;
            var before = inferred.GetValueOrDefault(column.Name, []).Where(t => t != tableType && !column.WidenedFrom.Contains(t)).ToList();
            return before.Count == 0 ? column : column with { WidenedFrom = [.. column.WidenedFrom, .. before] };
        })];
    }

    private static Schema Retype(Schema schema, Dictionary<string, TextType> widest)
    {
        if (schema.FieldsList.All(f => TextTypes.Of(f) is not { } type || widest[f.Name] == type))
        {
            return schema;
        }

        var fields = schema.FieldsList.Select(f => TextTypes.Of(f) is { } type && widest[f.Name] != type ? TextTypes.ToField(f.Name, widest[f.Name]) : f);
        return new Schema(fields, schema.Metadata);
    }
}
