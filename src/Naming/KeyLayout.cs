namespace CqSourceS3.Naming;

/// <summary>
/// How a listing's keys map to tables: table rules first, then folder-based names that, unless
/// <see cref="Hive"/> is <see cref="HivePartitioning.Disabled"/>, stop at the first partition folder.
/// </summary>
public sealed record KeyLayout
{
    /// <summary>Whether <c>name=value</c> folders are partitions; see <see cref="HivePartitioning"/>.</summary>
    public HivePartitioning Hive { get; init; } = HivePartitioning.Auto;

    /// <summary>Table rules in priority order: the first whose glob matches a key names its table.</summary>
    public IReadOnlyList<TableRule> Rules { get; init; } = [];

    /// <summary>The formats whose keys are candidates (<c>filetype</c>); Parquet only by default.</summary>
    public ObjectFormats Formats { get; init; } = ObjectFormats.Parquet;

    /// <summary>No rules, Hive partitioning <see cref="HivePartitioning.Auto"/>.</summary>
    public static KeyLayout Default { get; } = new();

    /// <summary>The first rule matching <paramref name="key"/>, or null when none does.</summary>
    internal TableRule? MatchingRule(string key)
    {
        var index = MatchingRuleIndex(key);
        return index < 0 ? null : Rules[index];
    }

    /// <summary>The index in <see cref="Rules"/> of the first rule matching <paramref name="key"/>, or -1.</summary>
    internal int MatchingRuleIndex(string key)
    {
        // Indexing, not foreach: the resolver calls this per key, and an interface enumerator allocates.
        var rules = Rules;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Match.IsMatch(key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The length of the key's default-naming source: up to the first partition folder, or its whole
    /// directory (<see cref="TableNames.SourcePrefixLength"/>) when Hive partitioning is disabled.
    /// </summary>
    internal int SourceLength(string key) =>
        Hive == HivePartitioning.Disabled ? TableNames.SourcePrefixLength(key) : HivePath.TableSourceLength(key);
}
