namespace CqSourceS3.Naming;

/// <summary>
/// Reads Hive-style partition folders out of keys: <c>sales/year=2023/month=1/data_0.parquet</c> is
/// table <c>sales</c>, partition <c>year=2023</c>, <c>month=1</c>, the layout Spark, Hive, DuckDB and
/// Athena write.
/// </summary>
/// <remarks>
/// A partition segment is a folder segment (never the file name) of the form <c>name=value</c> whose
/// name matches <c>[A-Za-z_][A-Za-z0-9_]*</c>. The value is everything after the first <c>=</c>, so
/// <c>a=b=c</c> is name <c>a</c>, raw value <c>b=c</c>. A segment like <c>2024=x</c> or <c>=x</c> is an
/// ordinary folder.
/// </remarks>
public static class HivePath
{
    /// <summary>Hive's folder value for a null partition value.</summary>
    internal const string DefaultPartitionValue = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>
    /// The length of the start of <paramref name="key"/> that names its table when Hive partitioning is
    /// on: everything up to and including the <c>/</c> just before the first partition segment.
    /// </summary>
    /// <remarks>
    /// <c>sales/year=2023/month=1/x.parquet</c> → 6 (<c>sales/</c>); <c>events/dt=2024-01-01/part-0.parquet</c>
    /// → 7 (<c>events/</c>); a root-level partition folder such as <c>dt=2024/x.parquet</c> → 0, the empty
    /// source. A key without partition segments gets the length of its usual source (its directory
    /// with the trailing <c>/</c>, or the whole key at the root), so partitioned and unpartitioned
    /// files directly under <c>sales/</c> share table <c>sales</c>. Returns a length rather than a
    /// string so that grouping millions of keys can look sources up by span without allocating.
    /// </remarks>
    public static int TableSourceLength(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var first = FirstPartitionStart(key);
        return first >= 0 ? first : TableNames.SourcePrefixLength(key);
    }

    /// <summary>
    /// Every partition segment of <paramref name="key"/> from the first one on, in key order. Ordinary
    /// folders after the first partition segment (<c>t/a=1/extra/b=2/x.parquet</c>) are skipped, not an
    /// error, and a key without partition segments has none. Names are not checked for duplicates;
    /// that is the schema's concern.
    /// </summary>
    public static IReadOnlyList<HivePartition> Partitions(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var start = FirstPartitionStart(key);
        if (start < 0)
        {
            return [];
        }

        var partitions = new List<HivePartition>();
        for (var end = key.IndexOf('/', start); end >= 0; start = end + 1, end = key.IndexOf('/', start))
        {
            var segment = key.AsSpan(start, end - start);
            var equals = PartitionEqualsIndex(segment);
            if (equals > 0)
            {
                partitions.Add(new HivePartition(
                    segment[..equals].ToString(),
                    DecodeValue(segment[(equals + 1)..])));
            }
        }

        return partitions;
    }

    /// <summary>Where the first partition folder segment starts, or -1 when there is none.</summary>
    private static int FirstPartitionStart(string key)
    {
        var start = 0;
        for (var end = key.IndexOf('/'); end >= 0; start = end + 1, end = key.IndexOf('/', start))
        {
            if (PartitionEqualsIndex(key.AsSpan(start, end - start)) > 0)
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>The index of the <c>=</c> ending a valid partition name, or -1 for an ordinary segment.</summary>
    private static int PartitionEqualsIndex(ReadOnlySpan<char> segment)
    {
        var equals = segment.IndexOf('=');
        if (equals <= 0 || char.IsAsciiDigit(segment[0]))
        {
            return -1;
        }

        foreach (var c in segment[..equals])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return -1;
            }
        }

        return equals;
    }

    private static string? DecodeValue(ReadOnlySpan<char> raw) =>
        raw.IsEmpty || raw.SequenceEqual(DefaultPartitionValue)
            ? null
            : Uri.UnescapeDataString(raw);
}
