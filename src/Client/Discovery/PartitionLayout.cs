using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Tables;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// The hive partition columns of one table (<c>sales/year=2023/month=1/…</c> → <c>year</c>, <c>month</c>) and each
/// object's typed values, checked in discovery so that a sync never meets a key it cannot fill.
/// </summary>
/// <remarks>
/// All objects of a table must name the same partitions in the same order: a destination column cannot come from
/// some objects' folders and not others'. Under <c>hive_partitioning: true</c> an object without partition folders
/// is the one exception; its partition columns are null.
/// </remarks>
internal sealed class PartitionLayout
{
    private readonly Dictionary<string, object?[]> _valuesByKey;

    private PartitionLayout(IReadOnlyList<string> names, IReadOnlyList<HiveValueType> types, Dictionary<string, object?[]> valuesByKey)
    {
        Names = names;
        Types = types;
        _valuesByKey = valuesByKey;
    }

    /// <summary>A table without partition columns.</summary>
    public static PartitionLayout None { get; } = new([], [], new(StringComparer.Ordinal));

    /// <summary>The partition column names, in key order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The type of each partition column (<c>hive_types</c>, else utf8).</summary>
    public IReadOnlyList<HiveValueType> Types { get; }

    /// <summary>The columns appended for the partitions, after the file's columns.</summary>
    public IEnumerable<AppendedColumn> Columns => Names.Select((name, i) => AppendedColumn.Partition(name, i, Types[i]));

    /// <summary>
    /// The layout of a table's <paramref name="files"/> under <paramref name="rules"/>, or the reason the table cannot
    /// be synced: two objects with different partition names, a name twice in one key, a value that is not of its type.
    /// </summary>
    public static PartitionLayout Of(string table, IReadOnlyList<ObjectFileInfo> files, DiscoveryRules rules, out string? error)
    {
        error = null;
        if (rules.Hive == HivePartitioning.Disabled || files.Count == 0)
        {
            return None;
        }

        var partitions = files.Select(f => (f.StoredObject.Key, Partitions: HivePath.Partitions(f.StoredObject.Key))).ToList();
        var reference = rules.Hive == HivePartitioning.Enabled
            ? partitions.FirstOrDefault(p => p.Partitions.Count > 0, partitions[0])
            : partitions[0];
        var names = reference.Partitions.Select(p => p.Name).ToList();
        if (names.Count == 0 && partitions.All(p => p.Partitions.Count == 0))
        {
            return None;
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            error = $"table \"{table}\": object \"{reference.Key}\" names a partition column twice ({NameList(names)})";
            return None;
        }

        var types = names.Select(n => rules.HiveTypes.GetValueOrDefault(n, HiveValueType.Utf8)).ToList();
        var values = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var (key, found) in partitions)
        {
            var lacksPartitions = found.Count == 0 && rules.Hive == HivePartitioning.Enabled;
            if (!lacksPartitions && !found.Select(p => p.Name).SequenceEqual(names, StringComparer.Ordinal))
            {
                error = $"table \"{table}\": partition columns of \"{key}\" ({NameList(found.Select(p => p.Name))}) differ from \"{reference.Key}\" ({NameList(names)}); " +
                    "every object of a table needs the same name=value folders in the same order (see hive_partitioning)";
                return None;
            }

            try
            {
                values[key] = lacksPartitions
                    ? new object?[names.Count]
                    : [.. found.Select((p, i) => HiveValueParser.Parse(p.Value, types[i], key, p.Name))];
            }
            catch (HivePartitionValueException e)
            {
                error = $"table \"{table}\": {e.Message}";
                return None;
            }
        }

        return new PartitionLayout(names, types, values);
    }

    /// <summary>The typed partition values of one of the table's objects, in <see cref="Names"/> order.</summary>
    public IReadOnlyList<object?> ValuesOf(string key) =>
        Names.Count == 0 ? [] : _valuesByKey.TryGetValue(key, out var values) ? values : new object?[Names.Count];

    private static string NameList(IEnumerable<string> names)
    {
        var list = string.Join(", ", names);
        return list.Length == 0 ? "none" : list;
    }
}
