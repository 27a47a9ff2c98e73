using Apache.Arrow;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// The <c>union_by_name</c> schema of a table: every column any object has, matched by name, each with the narrowest
/// type all its objects' types widen to (<see cref="TypeWidening"/>). Columns keep the newest object's order so a table
/// reads like its current files; columns only older objects have follow, newest first, because they were dropped and
/// their old data is still worth syncing. Names are case-sensitive, but two names that differ only in case are a
/// conflict: many destinations fold case and would merge them into one column.
/// </summary>
internal static class SchemaUnion
{
    /// <param name="table">The table name, for messages.</param>
    /// <param name="newestFirst">
    /// Every object's schema, newest object first (the caller sorts by LastModified descending, then key). Objects whose
    /// footers came from the cache share one <see cref="Schema"/> instance: each instance is folded in once, with the
    /// number of objects that have it, and is named in messages by its newest object.
    /// </param>
    public static SchemaUnionResult Of(string table, IReadOnlyList<SchemaSource> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentOutOfRangeException.ThrowIfZero(newestFirst.Count, nameof(newestFirst));
        var schemas = DistinctSchemas(newestFirst);
        var columns = new List<ColumnUnion>();
        var byName = new Dictionary<string, ColumnUnion>(StringComparer.Ordinal);
        var byFoldedName = new Dictionary<string, ColumnUnion>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < schemas.Count; index++)
        {
            var (schema, key, objects) = schemas[index];
            var namesHere = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in schema.FieldsList)
            {
                if (!namesHere.Add(field.Name))
                {
                    return SchemaUnionResult.Failed(UnionConflictMessages.Twice(table, field.Name, key));
                }

                if (byName.TryGetValue(field.Name, out var column))
                {
                    if (!column.TryAdd(field, objects))
                    {
                        return SchemaUnionResult.Failed(DescribeMismatch(table, column, field, key, schemas.Take(index)));
                    }
                }
                else if (byFoldedName.TryGetValue(field.Name, out var clashing))
                {
                    return SchemaUnionResult.Failed(UnionConflictMessages.CaseClash(table, clashing.Name, clashing.NewestKey, field.Name, key));
                }
                else
                {
                    column = new ColumnUnion(field, key, objects);
                    columns.Add(column);
                    byName.Add(field.Name, column);
                    byFoldedName.Add(field.Name, column);
                }
            }
        }

        var total = newestFirst.Count;
        var union = schemas.Count == 1 ? schemas[0].Schema : new Schema(columns.Select(c => c.ToField(total)), schemas[0].Schema.Metadata);
        return new SchemaUnionResult(union, columns.Select(c => c.ToEvolution(total)).ToList(), null);
    }

    /// <summary>The distinct schema instances, newest first, each with its newest object's key and its number of objects.</summary>
    private static List<(Schema Schema, string Key, int Objects)> DistinctSchemas(IReadOnlyList<SchemaSource> newestFirst)
    {
        var distinct = new List<(Schema Schema, string Key, int Objects)>();
        var indexOf = new Dictionary<Schema, int>(ReferenceEqualityComparer.Instance);
        foreach (var source in newestFirst)
        {
            if (indexOf.TryGetValue(source.Schema, out var index))
            {
                distinct[index] = distinct[index] with { Objects = distinct[index].Objects + 1 };
            }
            else
            {
                indexOf.Add(source.Schema, distinct.Count);
                distinct.Add((source.Schema, source.Key, 1));
            }
        }

        return distinct;
    }

    /// <summary>
    /// Names the newest object whose own type of the column conflicts with <paramref name="older"/>'s, rather than the
    /// union so far (a type that object may not have), and the nested field where the two types part.
    /// </summary>
    private static string DescribeMismatch(string table, ColumnUnion column, Field older, string olderKey, IEnumerable<(Schema Schema, string Key, int Objects)> newer)
    {
        foreach (var (schema, key, _) in newer)
        {
            var field = schema.FieldsList.FirstOrDefault(f => string.Equals(f.Name, column.Name, StringComparison.Ordinal));
            if (field is not null && TypeWidening.Widen(field.DataType, older.DataType, out var conflict) is null)
            {
                return Describe(table, column.Name, conflict!, key, olderKey);
            }
        }

        return UnionConflictMessages.CombinedMismatch(table, column.Name, ArrowTypeText.Of(older.DataType), olderKey, ArrowTypeText.Of(column.Type), column.NewestKey);
    }

    private static string Describe(string table, string column, TypeConflict conflict, string newerKey, string olderKey)
    {
        var path = conflict.Path.Length == 0 ? column : $"{column}.{conflict.Path}";
        return conflict switch
        {
            FieldNameClash { FirstName: var first, SecondName: var second } clash when first == second =>
                UnionConflictMessages.Twice(table, $"{path}.{first}", clash.FirstInNewer ? newerKey : olderKey),
            FieldNameClash clash => UnionConflictMessages.CaseClash(table,
                $"{path}.{clash.FirstName}", clash.FirstInNewer ? newerKey : olderKey,
                $"{path}.{clash.SecondName}", clash.SecondInNewer ? newerKey : olderKey),
            TypeMismatch mismatch => UnionConflictMessages.TypeMismatch(table, path,
                ArrowTypeText.Of(mismatch.Newer), newerKey, ArrowTypeText.Of(mismatch.Older), olderKey),
            _ => throw new InvalidOperationException($"unknown conflict {conflict.GetType().Name}"),
        };
    }
}
