namespace CqSourceS3.Naming;

/// <summary>
/// A listing's candidate keys sorted into the buckets that become tables: one per table rule name,
/// and one per default-naming source (see <see cref="KeyLayout.SourceLength"/>). Each bucket keeps its
/// keys in listing order.
/// </summary>
internal sealed class TableKeyBuckets
{
    private TableKeyBuckets()
    {
    }

    /// <summary>Default-named keys by source prefix.</summary>
    internal Dictionary<string, List<string>> KeysBySource { get; } = new(StringComparer.Ordinal);

    /// <summary>Rule-named keys by rule name (ordinal: names differing in case are different tables).</summary>
    internal Dictionary<string, List<string>> KeysByRuleName { get; } = new(StringComparer.Ordinal);

    /// <summary>The globs of the rules that matched at least one key, by rule name, in rule order.</summary>
    internal Dictionary<string, List<string>> PatternsByRuleName { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Buckets the candidate keys (<see cref="TableNames.IsCandidate(string, ObjectFormats)"/>) of <paramref name="keys"/>. The
    /// source lookup goes by span so that a listing of millions of keys allocates one string per
    /// source, not one per key; rules are only tried when the layout has some.
    /// </summary>
    internal static TableKeyBuckets Fill(IEnumerable<string> keys, KeyLayout layout)
    {
        var buckets = new TableKeyBuckets();
        var rules = layout.Rules;
        var keysByRule = buckets.RuleBuckets(rules);
        var ruleMatched = new bool[rules.Count];
        var lookup = buckets.KeysBySource.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in keys)
        {
            if (!TableNames.IsCandidate(key, layout.Formats))
            {
                continue;
            }

            var rule = rules.Count == 0 ? -1 : layout.MatchingRuleIndex(key);
            if (rule >= 0)
            {
                keysByRule[rule].Add(key);
                ruleMatched[rule] = true;
                continue;
            }

            var source = key.AsSpan(0, layout.SourceLength(key));
            if (!lookup.TryGetValue(source, out var sourceKeys))
            {
                sourceKeys = [];
                lookup[source] = sourceKeys;
            }

            sourceKeys.Add(key);
        }

        buckets.KeepMatchedRules(rules, ruleMatched);
        return buckets;
    }

    /// <summary>
    /// One key list per rule, shared by rules with the same name, so that filing a key needs no name
    /// lookup and rules naming one table fill one list in listing order.
    /// </summary>
    private List<string>[] RuleBuckets(IReadOnlyList<TableRule> rules)
    {
        var keysByRule = new List<string>[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            if (!KeysByRuleName.TryGetValue(rules[i].Name, out var ruleKeys))
            {
                ruleKeys = [];
                KeysByRuleName.Add(rules[i].Name, ruleKeys);
            }

            keysByRule[i] = ruleKeys;
        }

        return keysByRule;
    }

    /// <summary>Drops rule tables no key matched and records which globs filled the others.</summary>
    private void KeepMatchedRules(IReadOnlyList<TableRule> rules, bool[] ruleMatched)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (!ruleMatched[i])
            {
                continue;
            }

            if (!PatternsByRuleName.TryGetValue(rules[i].Name, out var patterns))
            {
                patterns = [];
                PatternsByRuleName.Add(rules[i].Name, patterns);
            }

            patterns.Add(rules[i].Match.Pattern);
        }

        foreach (var name in KeysByRuleName.Keys.Where(name => !PatternsByRuleName.ContainsKey(name)).ToList())
        {
            KeysByRuleName.Remove(name);
        }
    }
}
