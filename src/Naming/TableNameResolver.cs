namespace CqSourceS3.Naming;

/// <summary>
/// Groups a listing's keys into tables and refuses to merge different sources that land on one name.
/// </summary>
/// <remarks>
/// <para>
/// Names are compared case-insensitively when looking for collisions, although they keep their case:
/// several destinations (SQLite, DuckDB, SQL Server's default collation, MySQL on some platforms) treat
/// <c>Sales</c> and <c>sales</c> as one table, and the plugin cannot know which destination it feeds.
/// A root-level <c>x.parquet</c> and a folder <c>x/</c> are different sources, so they collide too, as
/// do <c>x.parquet</c> and <c>x.PARQUET</c>. Names shortened with a hash (see <see cref="TableNames"/>)
/// differ in the hash when their full names differ at all, so they only collide if the full names do.
/// </para>
/// <para>
/// A table rule is one source however many folders its glob spans, and rules with the same name fill
/// one table: that merge is what the user asked for. A default-named source whose name folds to a
/// rule's name still collides with the rule, because quietly adding unrelated files to the user's
/// table would be wrong; so do rule names differing only in letter case.
/// </para>
/// </remarks>
public static class TableNameResolver
{
    /// <summary>
    /// Groups <paramref name="keys"/> by table name under <see cref="KeyLayout.Default"/> (no rules, Hive
    /// partitioning on).
    /// </summary>
    /// <inheritdoc cref="Group(IEnumerable{string}, KeyLayout)"/>
    public static TableGrouping Group(IEnumerable<string> keys) => Group(keys, KeyLayout.Default);

    /// <summary>
    /// Groups <paramref name="keys"/> by table name under <paramref name="layout"/> (see
    /// <see cref="TableNames"/>). Keys that are not candidates (<see cref="TableNames.IsCandidate(string, ObjectFormats)"/>) are
    /// ignored, so a raw listing can be passed as is; hidden keys (<see cref="HiddenKeys"/>) are not,
    /// so callers filter them first.
    /// </summary>
    /// <param name="keys">Object keys as listed; each key's order within its table is kept.</param>
    /// <param name="layout">The table rules and Hive partitioning mode.</param>
    public static TableGrouping Group(IEnumerable<string> keys, KeyLayout layout)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(layout);

        var buckets = TableKeyBuckets.Fill(keys, layout);
        var sourcesByFoldedName = new Dictionary<string, List<NamedSource>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, sourceKeys) in buckets.KeysBySource)
        {
            Add(sourcesByFoldedName, new NamedSource(TableNames.FromSourcePrefix(source), source, [], sourceKeys));
        }

        foreach (var (name, ruleKeys) in buckets.KeysByRuleName)
        {
            Add(sourcesByFoldedName, new NamedSource(name, null, buckets.PatternsByRuleName[name], ruleKeys));
        }

        var tables = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var collisions = new List<TableNameCollision>();
        foreach (var sources in sourcesByFoldedName.Values)
        {
            if (sources.Count == 1)
            {
                tables.Add(sources[0].Name, sources[0].Keys.AsReadOnly());
                continue;
            }

            collisions.Add(new TableNameCollision(
                SortedDistinct(sources.Select(source => source.Name)),
                SortedDistinct(sources.Select(source => source.SourcePrefix).OfType<string>()),
                SortedDistinct(sources.SelectMany(source => source.RulePatterns))));
        }

        collisions.Sort((left, right) => string.CompareOrdinal(left.TableName, right.TableName));
        return new TableGrouping(tables, collisions);
    }

    private static void Add(Dictionary<string, List<NamedSource>> sourcesByFoldedName, NamedSource source)
    {
        if (!sourcesByFoldedName.TryGetValue(source.Name, out var sources))
        {
            sources = [];
            sourcesByFoldedName.Add(source.Name, sources);
        }

        sources.Add(source);
    }

    private static string[] SortedDistinct(IEnumerable<string> values) =>
        [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// A would-be table: a default-named source (<paramref name="SourcePrefix"/> set) or a rule name
    /// (<paramref name="RulePatterns"/> set), with its keys in listing order.
    /// </summary>
    private sealed record NamedSource(
        string Name,
        string? SourcePrefix,
        IReadOnlyList<string> RulePatterns,
        List<string> Keys);
}
