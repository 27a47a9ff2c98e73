using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Tables;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// How a listing becomes tables, from the spec's data-lake options: which keys are read (<see cref="Selection"/>),
/// how they are named and grouped (<see cref="Layout"/>: hive folders, <c>table_rules</c>), and which columns are
/// appended after each file's own (partition values, then <c>lineage_columns</c>).
/// </summary>
internal sealed record DiscoveryRules
{
    /// <summary>What a spec that sets none of these options gets.</summary>
    public static DiscoveryRules Default { get; } = new();

    /// <summary>Which listed keys can belong to a table.</summary>
    public KeySelection Selection { get; init; } = KeySelection.Default;

    /// <summary>Table naming: hive partition folders and <c>table_rules</c>.</summary>
    public KeyLayout Layout { get; init; } = KeyLayout.Default;

    /// <summary>The <c>hive_types</c> of partition columns; a column not named here is utf8.</summary>
    public IReadOnlyDictionary<string, HiveValueType> HiveTypes { get; init; } = new Dictionary<string, HiveValueType>(StringComparer.Ordinal);

    /// <summary>The <c>lineage_columns</c>, in their fixed column order.</summary>
    public IReadOnlyList<LineageColumn> Lineage { get; init; } = [];

    /// <summary>The <c>schema_policy</c>: what a table whose objects' schemas differ does.</summary>
    public string SchemaPolicy { get; init; } = SchemaPolicies.UnionByName;

    /// <summary>How CSV and JSON Lines objects are parsed (<c>csv:</c>, <c>jsonl:</c>).</summary>
    public TextReadSettings Text { get; init; } = TextReadSettings.For(new SourceSpec());

    /// <summary>The <c>hive_partitioning</c> mode.</summary>
    public HivePartitioning Hive => Layout.Hive;

    /// <summary>The rules <paramref name="spec"/> sets. Its values were checked when it was read.</summary>
    public static DiscoveryRules For(SourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new DiscoveryRules
        {
            Selection = KeySelection.For(spec),
            Layout = new KeyLayout
            {
                Hive = spec.HivePartitioning switch
                {
                    "true" => HivePartitioning.Enabled,
                    "false" => HivePartitioning.Disabled,
                    _ => HivePartitioning.Auto,
                },
                Rules = [.. spec.TableRules.Select(r => new TableRule(KeyGlob.Parse(r.Match), r.Name))],
                Formats = FileTypes.FormatsOf(spec.Filetype),
            },
            Text = TextReadSettings.For(spec),
            HiveTypes = spec.HiveTypes.ToDictionary(p => p.Key, p => Parsed(p.Value), StringComparer.Ordinal),
            // A mirror deletes rows by their object's key, so it needs the key column whether or not it was asked for.
            Lineage = [.. spec.LineageColumns.Concat(spec.Mirror ? [LineageColumnNames.Key] : []).Select(ParsedLineage).Distinct().Order()],
            SchemaPolicy = spec.SchemaPolicy,
        };
    }

    /// <summary>The columns a table gets after its file's columns: its partitions, then the lineage columns.</summary>
    public IReadOnlyList<AppendedColumn> AppendedColumns(PartitionLayout partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        return [.. partitions.Columns, .. Lineage.Select(AppendedColumn.Lineage)];
    }

    private static HiveValueType Parsed(string name) =>
        HiveValueTypes.TryParse(name, out var type) ? type : throw new ArgumentException($"unknown hive type {name}", nameof(name));

    private static LineageColumn ParsedLineage(string name) =>
        LineageColumns.TryParse(name, out var column) ? column : throw new ArgumentException($"unknown lineage column {name}", nameof(name));
}
