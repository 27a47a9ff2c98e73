namespace CqSourceS3.Naming;

/// <summary>
/// Maps object keys to CloudQuery table names.
/// </summary>
/// <remarks>
/// <para>
/// The key is used exactly as listed by the store: the full key, with the spec's <c>path_prefix</c>
/// <b>not</b> stripped, so narrowing <c>path_prefix</c> never renames a table.
/// </para>
/// <list type="bullet">
/// <item>Only keys whose file name ends in the extension of a format the sync reads (<c>.parquet</c> by
/// default; <see cref="ObjectExtension"/>), in any case, and has something before it are candidates (<see cref="IsCandidate(string, ObjectFormats)"/>).</item>
/// <item>A root-level key (no <c>/</c>) names its table by its file name without its whole extension:
/// <c>My File.v2.PARQUET</c> → <c>My_File_v2</c>, <c>events.csv.gz</c> → <c>events</c>. Its source is the key itself.</item>
/// <item>A nested key names its table by its directory, segments joined with <c>_</c>:
/// <c>sales/2024/orders/part-0001.parquet</c> → <c>sales_2024_orders</c>. Its source is the directory
/// with its trailing <c>/</c> (<c>sales/2024/orders/</c>), so every file under it lands in one table.
/// A key with a leading <c>/</c> such as <c>/x.parquet</c> is nested under the empty directory.</item>
/// <item>Every character outside <c>[A-Za-z0-9_]</c> (separators, dots, spaces, dashes, non-ASCII
/// letters) becomes <c>_</c>; runs of <c>_</c> collapse to one; leading and trailing <c>_</c> are
/// trimmed; letter case is kept. The mapping is per UTF-16 char, which gives the same result as per
/// rune because runs collapse. No Unicode normalization is applied: <c>café</c> gives <c>caf</c>.</item>
/// <item>A name may start with a digit (<c>2024/x.parquet</c> → <c>2024</c>): destinations quote
/// identifiers, and renaming would surprise more than it helps.</item>
/// <item>If nothing is left (<c>---/x.parquet</c>), the name is <c>table_</c> plus the first 8 lowercase
/// hex characters of the SHA-256 of the source (UTF-8), so it is stable and differs per source.</item>
/// <item>A name longer than <see cref="MaxLength"/> (PostgreSQL's identifier limit) keeps its first 54
/// characters, minus a trailing <c>_</c>, then <c>_</c> and the first 8 lowercase hex characters of the
/// SHA-256 of the full untruncated name: deterministic, at most 63 characters, and two long names
/// sharing a prefix stay distinct.</item>
/// </list>
/// <para>
/// A <see cref="KeyLayout"/> refines this. Its table rules come first: a key matched by a rule's glob
/// belongs to the rule's table, named verbatim. Other keys are named as above, except that with Hive
/// partitioning on (the default, <see cref="HivePartitioning.Auto"/>) the source stops before the first
/// <c>name=value</c> folder (<see cref="HivePath.TableSourceLength"/>):
/// <c>sales/year=2023/month=1/x.parquet</c> → source <c>sales/</c>, table <c>sales</c>. A root-level
/// partition folder (<c>dt=2024/x.parquet</c>) leaves the empty source, which has nothing to name the
/// table by and so gets the fallback name <c>table_e3b0c442</c> (the hash of the empty string), the
/// same for every such key; a table rule can give it a real name. With Hive partitioning disabled the
/// source is the whole directory, as above (<c>sales_year_2023_month_1</c>).
/// </para>
/// <para>
/// Different sources can still normalize to one name (<c>a-b/</c> and <c>a_b/</c>);
/// <see cref="TableNameResolver"/> detects that instead of merging them.
/// </para>
/// </remarks>
public static class TableNames
{
    /// <summary>The longest table name produced: PostgreSQL's identifier limit.</summary>
    public const int MaxLength = 63;

    /// <summary>
    /// Whether the key can hold a Parquet table's data: its file name ends in <c>.parquet</c>, compared
    /// case-insensitively, and is more than just <c>.parquet</c>. Folder markers (ending in <c>/</c>)
    /// and other extensions are not candidates.
    /// </summary>
    /// <param name="key">An object key as listed by the store.</param>
    public static bool IsCandidate(string key) => IsCandidate(key, ObjectFormats.Parquet);

    /// <summary>
    /// Whether the key can hold data of one of <paramref name="formats"/>: its file name ends in one of their
    /// extensions (<see cref="ObjectExtension"/>), with something before it.
    /// </summary>
    /// <param name="key">An object key as listed by the store.</param>
    /// <param name="formats">The formats the sync reads (<c>filetype</c>).</param>
    public static bool IsCandidate(string key, ObjectFormats formats)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ObjectExtension.TryOf(key, out var extension) && (formats & extension.Format) != 0;
    }

    /// <summary>
    /// The table name for a candidate key under <see cref="KeyLayout.Default"/> (no rules, Hive
    /// partitioning on), the layout <see cref="TableNameResolver.Group(IEnumerable{string})"/> uses.
    /// </summary>
    /// <param name="key">A key for which <see cref="IsCandidate(string, ObjectFormats)"/> is true.</param>
    /// <exception cref="ArgumentException">The key is not a candidate.</exception>
    public static string FromKey(string key) => FromKey(key, KeyLayout.Default);

    /// <summary>
    /// The table name for a candidate key under <paramref name="layout"/> (see the rules on
    /// <see cref="TableNames"/>): the first matching rule's name, else the name of its source. Says
    /// nothing about collisions, which need the whole listing (<see cref="TableNameResolver"/>).
    /// </summary>
    /// <param name="key">A key for which <see cref="IsCandidate(string, ObjectFormats)"/> is true.</param>
    /// <param name="layout">The table rules and Hive partitioning mode.</param>
    /// <exception cref="ArgumentException">The key is not a candidate.</exception>
    public static string FromKey(string key, KeyLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        RequireCandidate(key, layout.Formats);
        return layout.MatchingRule(key)?.Name ?? FromSourcePrefix(key.AsSpan(0, layout.SourceLength(key)));
    }

    /// <summary>
    /// What the table name is derived from under <see cref="KeyLayout.Default"/>: for a nested key its
    /// directory including the trailing <c>/</c> (<c>a-b/c/x.parquet</c> → <c>a-b/c/</c>), cut before the
    /// first partition folder (<c>t/dt=1/x.parquet</c> → <c>t/</c>); for a root-level key the key itself.
    /// Keys with the same source always share a table; different sources with the same name are a
    /// collision.
    /// </summary>
    /// <param name="key">A key for which <see cref="IsCandidate(string, ObjectFormats)"/> is true.</param>
    /// <exception cref="ArgumentException">The key is not a candidate.</exception>
    public static string SourcePrefix(string key)
    {
        RequireCandidate(key, ObjectFormats.All);
        return key[..KeyLayout.Default.SourceLength(key)];
    }

    /// <summary>
    /// Whether <paramref name="name"/> can be a table rule's name as is: 1 to <see cref="MaxLength"/>
    /// characters, all of <c>[A-Za-z0-9_]</c>. Rule names are used verbatim, so unlike derived names
    /// they are checked rather than normalized: silently renaming a name the user chose would surprise.
    /// </summary>
    public static bool IsValidName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Length of a candidate key's source prefix without Hive partitioning (its whole directory, or the
    /// key at the root); lets callers avoid a substring.
    /// </summary>
    internal static int SourcePrefixLength(string key)
    {
        var lastSlash = key.LastIndexOf('/');
        return lastSlash < 0 ? key.Length : lastSlash + 1;
    }

    /// <summary>
    /// The table name for a source prefix: a directory ends in <c>/</c>, the empty source stands for a
    /// root-level partition folder, anything else is a root-level candidate key. The name depends on
    /// the source alone, which is why the resolver can cache it.
    /// </summary>
    internal static string FromSourcePrefix(ReadOnlySpan<char> sourcePrefix)
    {
        // The empty source leaves an empty raw name, so the normalizer falls back to table_<hash of "">.
        var raw = sourcePrefix.IsEmpty ? sourcePrefix
            : sourcePrefix.EndsWith('/') ? sourcePrefix[..^1]
            : sourcePrefix[..^ExtensionLength(sourcePrefix)];
        return TableNameNormalizer.Normalize(raw, sourcePrefix);
    }

    // A root-level source is a candidate key: its whole compound extension goes (x.csv.gz → x).
    private static int ExtensionLength(ReadOnlySpan<char> key) =>
        ObjectExtension.TryOf(key, out var extension) ? extension.Length : 0;

    private static void RequireCandidate(string key, ObjectFormats formats)
    {
        if (!IsCandidate(key, formats))
        {
            throw new ArgumentException(
                $"Object key \"{key}\" is not a table candidate: its file name must end in {ObjectExtension.Describe(formats)}.",
                nameof(key));
        }
    }
}
