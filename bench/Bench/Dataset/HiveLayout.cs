using System.Globalization;

namespace CqSourceS3.Bench.Dataset;

/// <summary>
/// The reference set laid out as a data lake: the same objects, byte for byte, under
/// <c>bench_reference/year=2024/month=N/part-0.parquet</c> (one partition folder per object), so a sync of it differs
/// from the plain reference sync only by the partition and lineage columns the spec adds.
/// </summary>
internal static class HiveLayout
{
    /// <summary>The spec that turns every data-lake column on: two typed partitions and all five lineage columns.</summary>
    public static readonly IReadOnlyDictionary<string, object> Spec = new Dictionary<string, object>
    {
        ["hive_types"] = new Dictionary<string, string> { ["year"] = "int32", ["month"] = "int32" },
        ["lineage_columns"] = new[] { "key", "last_modified", "etag", "version_id", "row" },
    };

    /// <summary>Copies <paramref name="objects"/> of one table folder into <paramref name="root"/> (kept when already complete).</summary>
    /// <returns>The folder to sync (the plugin's <c>local_path</c>).</returns>
    public static string Write(string tableFolder, IReadOnlyList<DatasetObject> objects, string root, TextWriter log)
    {
        var copies = objects.Select((o, i) => (o, Path.Combine(root, tableFolder, "year=2024", string.Create(CultureInfo.InvariantCulture, $"month={i + 1}"), "part-0.parquet"))).ToList();
        if (copies.All(c => File.Exists(c.Item2) && new FileInfo(c.Item2).Length == c.o.Bytes))
        {
            return root;
        }

        log.WriteLine($"lake: copying {objects.Count} reference objects into hive folders under {root}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        foreach (var (source, target) in copies)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source.Path, target);
        }

        return root;
    }
}
