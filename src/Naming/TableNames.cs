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
/// <item>Only keys whose file name ends in <c>.parquet</c> (any case) and has something before it are
/// candidates (<see cref="IsCandidate"/>).</item>
/// <item>A root-level key (no <c>/</c>) names its table by its file name without <c>.parquet</c>:
/// <c>My File.v2.PARQUET</c> → <c>My_File_v2</c>. Its source is the key itself.</item>
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
/// Different sources can still normalize to one name (<c>a-b/</c> and <c>a_b/</c>);
/// <see cref="TableNameResolver"/> detects that instead of merging them.
/// </para>
/// </remarks>
public static class TableNames
{
    /// <summary>The longest table name produced: PostgreSQL's identifier limit.</summary>
    public const int MaxLength = 63;

    internal const string Extension = ".parquet";

    /// <summary>
    /// Whether the key can hold a table's data: its file name ends in <c>.parquet</c>, compared
    /// case-insensitively, and is more than just <c>.parquet</c>. Folder markers (ending in <c>/</c>)
    /// and other extensions are not candidates.
    /// </summary>
    /// <param name="key">An object key as listed by the store.</param>
    public static bool IsCandidate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var fileNameLength = key.Length - (key.LastIndexOf('/') + 1);
        return fileNameLength > Extension.Length;
    }

    /// <summary>
    /// The table name for a candidate key (see the rules on <see cref="TableNames"/>).
    /// </summary>
    /// <param name="key">A key for which <see cref="IsCandidate"/> is true.</param>
    /// <exception cref="ArgumentException">The key is not a candidate.</exception>
    public static string FromKey(string key)
    {
        RequireCandidate(key);
        return FromSourcePrefix(key.AsSpan(0, SourcePrefixLength(key)));
    }

    /// <summary>
    /// What the table name is derived from: for a nested key its directory including the trailing
    /// <c>/</c> (<c>a-b/c/x.parquet</c> → <c>a-b/c/</c>); for a root-level key the key itself. Keys with
    /// the same source always share a table; different sources with the same name are a collision.
    /// </summary>
    /// <param name="key">A key for which <see cref="IsCandidate"/> is true.</param>
    /// <exception cref="ArgumentException">The key is not a candidate.</exception>
    public static string SourcePrefix(string key)
    {
        RequireCandidate(key);
        return key[..SourcePrefixLength(key)];
    }

    /// <summary>Length of a candidate key's source prefix; lets callers avoid a substring.</summary>
    internal static int SourcePrefixLength(string key)
    {
        var lastSlash = key.LastIndexOf('/');
        return lastSlash < 0 ? key.Length : lastSlash + 1;
    }

    /// <summary>
    /// The table name for a source prefix: a directory ends in <c>/</c>, anything else is a root-level
    /// candidate key. The name depends on the source alone, which is why the resolver can cache it.
    /// </summary>
    internal static string FromSourcePrefix(ReadOnlySpan<char> sourcePrefix)
    {
        var raw = sourcePrefix.EndsWith('/')
            ? sourcePrefix[..^1]
            : sourcePrefix[..^Extension.Length];
        return TableNameNormalizer.Normalize(raw, sourcePrefix);
    }

    private static void RequireCandidate(string key)
    {
        if (!IsCandidate(key))
        {
            throw new ArgumentException(
                $"Object key \"{key}\" is not a Parquet table candidate: its file name must end in \".parquet\".",
                nameof(key));
        }
    }
}
