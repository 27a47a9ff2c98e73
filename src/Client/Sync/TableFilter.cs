using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Table selection with the Go SDK's <c>FilterDfs</c> semantics, for our flat tables (no parents, so
/// <c>skip_dependent_tables</c> has nothing to act on): a table is selected when it matches an include pattern
/// and no skip pattern. Every pattern must match at least one known table, so that a typo fails loudly
/// instead of silently syncing less; the error texts are the Go SDK's, which users may already search for.
/// </summary>
internal static class TableFilter
{
    /// <summary>The <c>tables</c> option name, as it appears in errors.</summary>
    public const string IncludeOption = "tables";

    /// <summary>The <c>skip_tables</c> option name, as it appears in errors.</summary>
    public const string SkipOption = "skip_tables";

    /// <summary>
    /// The known tables selected by <paramref name="include"/> minus <paramref name="skip"/>, without duplicates,
    /// in ordinal order. An empty include list selects nothing (no error), as in the Go SDK.
    /// </summary>
    /// <exception cref="TableFilterException">A pattern matched no known table; include patterns are checked first.</exception>
    public static IReadOnlyList<string> Select(IEnumerable<string> knownTables, IReadOnlyList<string> include, IReadOnlyList<string> skip) =>
        Select(knownTables, include, skip, scope: null);

    /// <summary>
    /// The tables of <paramref name="discovery"/> selected by <paramref name="include"/> minus <paramref name="skip"/>,
    /// as <see cref="Select(IEnumerable{string}, IReadOnlyList{string}, IReadOnlyList{string})"/>; a pattern that
    /// matches nothing is reported with the bucket or folder and the prefix that were listed.
    /// </summary>
    /// <exception cref="TableFilterException">A pattern matched no table; the message names the location and prefix.</exception>
    public static IReadOnlyList<string> Select(DiscoveryResult discovery, IReadOnlyList<string> include, IReadOnlyList<string> skip)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        var names = discovery.Tables.Select(t => t.Name).ToList();
        return Select(names, include, skip, new TableScope(discovery.Location, discovery.Prefix, names.Distinct(StringComparer.Ordinal).Count(), discovery.Ignored));
    }

    private static List<string> Select(IEnumerable<string> knownTables, IReadOnlyList<string> include, IReadOnlyList<string> skip, TableScope? scope)
    {
        ArgumentNullException.ThrowIfNull(knownTables);
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(skip);

        var known = knownTables.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        RequireMatches(IncludeOption, include, known, scope);
        RequireMatches(SkipOption, skip, known, scope);

        return known
            .Where(table => include.Any(pattern => Matches(pattern, table)))
            .Where(table => !skip.Any(pattern => Matches(pattern, table)))
            .ToList();
    }

    /// <summary>
    /// Whether <paramref name="name"/> matches <paramref name="pattern"/>: <c>*</c> stands for any run of
    /// characters (including none), anywhere and any number of times; everything else matches itself,
    /// case-sensitively. The empty pattern matches only the empty name.
    /// </summary>
    public static bool Matches(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);

        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, name, StringComparison.Ordinal);
        }

        // The text before the first star anchors the start, the text after the last star the end; the parts
        // in between are found left to right, each as early as possible, which is optimal for star-only globs.
        var first = parts[0];
        var last = parts[^1];
        if (name.Length < first.Length + last.Length
            || !name.StartsWith(first, StringComparison.Ordinal)
            || !name.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var position = first.Length;
        var end = name.Length - last.Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = parts[i].Length == 0 ? position : name.IndexOf(parts[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }

    private static void RequireMatches(string option, IReadOnlyList<string> patterns, List<string> known, TableScope? scope)
    {
        foreach (var pattern in patterns)
        {
            if (!known.Any(table => Matches(pattern, table)))
            {
                throw scope is null ? new TableFilterException(option, pattern) : new TableFilterException(option, pattern, scope);
            }
        }
    }
}
