namespace CqSourceS3.Naming;

/// <summary>
/// Groups a listing's keys into tables and refuses to merge different sources that land on one name.
/// </summary>
/// <remarks>
/// Names are compared case-insensitively when looking for collisions, although they keep their case:
/// several destinations (SQLite, DuckDB, SQL Server's default collation, MySQL on some platforms) treat
/// <c>Sales</c> and <c>sales</c> as one table, and the plugin cannot know which destination it feeds.
/// A root-level <c>x.parquet</c> and a folder <c>x/</c> are different sources, so they collide too, as
/// do <c>x.parquet</c> and <c>x.PARQUET</c>. Names shortened with a hash (see <see cref="TableNames"/>)
/// differ in the hash when their full names differ at all, so they only collide if the full names do.
/// </remarks>
public static class TableNameResolver
{
    /// <summary>
    /// Groups <paramref name="keys"/> by table name. Keys that are not candidates
    /// (<see cref="TableNames.IsCandidate"/>) are ignored, so a raw listing can be passed as is.
    /// </summary>
    /// <param name="keys">Object keys as listed; each key's order within its table is kept.</param>
    public static TableGrouping Group(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);

        var keysBySource = GroupBySource(keys);
        var sourcesByFoldedName = new Dictionary<string, List<(string Source, string Name)>>(
            StringComparer.OrdinalIgnoreCase);
        foreach (var source in keysBySource.Keys)
        {
            var name = TableNames.FromSourcePrefix(source);
            if (!sourcesByFoldedName.TryGetValue(name, out var sources))
            {
                sources = [];
                sourcesByFoldedName.Add(name, sources);
            }

            sources.Add((source, name));
        }

        var tables = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var collisions = new List<TableNameCollision>();
        foreach (var sources in sourcesByFoldedName.Values)
        {
            if (sources.Count == 1)
            {
                tables.Add(sources[0].Name, keysBySource[sources[0].Source].AsReadOnly());
                continue;
            }

            collisions.Add(new TableNameCollision(
                SortedDistinct(sources.Select(source => source.Name)),
                SortedDistinct(sources.Select(source => source.Source))));
        }

        collisions.Sort((left, right) => string.CompareOrdinal(left.TableName, right.TableName));
        return new TableGrouping(tables, collisions);
    }

    /// <summary>
    /// Buckets candidate keys by source prefix. The lookup goes by span so that a listing of millions of
    /// keys allocates one string per directory, not one per key, and normalizes each directory once.
    /// </summary>
    private static Dictionary<string, List<string>> GroupBySource(IEnumerable<string> keys)
    {
        var keysBySource = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var lookup = keysBySource.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in keys)
        {
            if (!TableNames.IsCandidate(key))
            {
                continue;
            }

            var source = key.AsSpan(0, TableNames.SourcePrefixLength(key));
            if (!lookup.TryGetValue(source, out var sourceKeys))
            {
                sourceKeys = [];
                lookup[source] = sourceKeys;
            }

            sourceKeys.Add(key);
        }

        return keysBySource;
    }

    private static string[] SortedDistinct(IEnumerable<string> values) =>
        [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
