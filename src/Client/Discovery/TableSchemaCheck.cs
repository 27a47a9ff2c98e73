using Apache.Arrow;
using CqSourceS3.Client.Evolution;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// Decides a table's file schema from its objects' footer schemas under the <c>schema_policy</c>:
/// <c>union_by_name</c> (every column of every object, widened where lossless), <c>strict</c> (all alike) or
/// <c>skip_file</c> (the newest object's, others skipped). Every object listed counts, not only those a run reads,
/// so the destination's schema never shrinks between runs.
/// </summary>
internal static class TableSchemaCheck
{
    /// <summary>The outcome: a schema and the objects to read, or the reason the table cannot be synced.</summary>
    /// <param name="Schema">The table's file schema; null with <paramref name="Error"/>.</param>
    /// <param name="Files">The objects that belong to the table (without those <c>skip_file</c> skipped), in key order.</param>
    /// <param name="Columns">Per column, in how many objects it is missing and which types were widened into it.</param>
    /// <param name="Skipped">Objects <c>skip_file</c> left out, with the columns that differ.</param>
    /// <param name="Error">Why the table cannot be synced, naming two objects.</param>
    internal sealed record Outcome(Schema? Schema, IReadOnlyList<ObjectFileInfo> Files, IReadOnlyList<ColumnEvolution> Columns, IReadOnlyList<SkippedObject> Skipped, string? Error);

    /// <param name="name">The table.</param>
    /// <param name="files">Its objects with their footers, in key order; at least one.</param>
    /// <param name="policy">One of <see cref="SchemaPolicies"/>.</param>
    public static Outcome Of(string name, IReadOnlyList<ObjectFileInfo> files, string policy) => policy switch
    {
        SchemaPolicies.Strict => Strict(name, files),
        SchemaPolicies.SkipFile => SkipFile(name, files),
        _ => Union(name, files),
    };

    private static Outcome Union(string name, IReadOnlyList<ObjectFileInfo> files)
    {
        var newestFirst = NewestFirst(files).Select(f => new SchemaSource(f.StoredObject.Key, f.Schema)).ToList();
        var union = SchemaUnion.Of(name, newestFirst);
        return union.Conflict is not null
            ? new Outcome(null, files, [], [], union.Conflict)
            : new Outcome(union.Schema, files, union.Columns, [], null);
    }

    private static Outcome Strict(string name, IReadOnlyList<ObjectFileInfo> files)
    {
        var reference = files[0];
        var others = DistinctSchemas(files.Skip(1), reference);
        foreach (var file in others)
        {
            var differences = SchemaDifference.Describe(reference.Schema, file.Schema);
            if (differences.Count > 0)
            {
                return new Outcome(null, files, [], [],
                    $"table \"{name}\": schema of \"{file.StoredObject.Key}\" differs from \"{reference.StoredObject.Key}\": {string.Join("; ", differences)}");
            }
        }

        return new Outcome(SchemaDifference.MergeNullability(reference.Schema, others.Select(f => f.Schema)), files, [], [], null);
    }

    private static Outcome SkipFile(string name, IReadOnlyList<ObjectFileInfo> files)
    {
        var reference = NewestFirst(files).First();
        var kept = new List<ObjectFileInfo>(files.Count);
        var skipped = new List<SkippedObject>();
        // One comparison per distinct schema instance: cached footers share them.
        var differencesOf = new Dictionary<Schema, IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        foreach (var file in files)
        {
            if (!differencesOf.TryGetValue(file.Schema, out var differences))
            {
                differences = differencesOf[file.Schema] = SchemaDifference.Describe(reference.Schema, file.Schema);
            }

            if (differences.Count == 0)
            {
                kept.Add(file);
            }
            else
            {
                skipped.Add(new SkippedObject(file.StoredObject.Key, name,
                    $"its schema differs from the table's, which is that of the newest object \"{reference.StoredObject.Key}\": {string.Join("; ", differences)} (schema_policy: skip_file)",
                    Transient: false)
                { StoredObject = file.StoredObject, ByPolicy = true });
            }
        }

        var schema = SchemaDifference.MergeNullability(reference.Schema, DistinctSchemas(kept, reference).Select(f => f.Schema));
        return new Outcome(schema, kept, [], skipped, null);
    }

    // Newest by LastModified. Stores keep it to the second, so ties are common; the greater key counts as newer
    // (keys named by date or sequence sort that way), and the choice never depends on listing order.
    private static IEnumerable<ObjectFileInfo> NewestFirst(IEnumerable<ObjectFileInfo> files) =>
        files.OrderByDescending(f => f.StoredObject.LastModified).ThenByDescending(f => f.StoredObject.Key, StringComparer.Ordinal);

    // Footers from the cache share one schema instance per table: each instance is compared once, through the first
    // file (in key order) that has it, so a mismatch still names the first file that differs.
    private static List<ObjectFileInfo> DistinctSchemas(IEnumerable<ObjectFileInfo> files, ObjectFileInfo reference) =>
        [.. files.Where(f => !ReferenceEquals(f.Schema, reference.Schema)).DistinctBy(f => (object)f.Schema, ReferenceEqualityComparer.Instance)];
}
