using System.Globalization;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Sharding;

/// <summary>
/// The sharding tests' bucket content, in a temporary folder: four tables of very different sizes, as real buckets
/// have them (one big <c>logs</c> table of 24 objects, <c>sales</c> of 6, <c>zones</c> of 2, <c>users</c> of 1).
/// Every object holds rows of <see cref="SampleBatches.AllTypes"/> with ids no other object of its table has, so a
/// row read twice or missed shows in the ids.
/// </summary>
public sealed class ShardedFolder : IDisposable
{
    public ShardedFolder()
    {
        var keys = new List<string>();
        var tables = new (string Prefix, int Objects)[] { ("logs/part-", 24), ("sales/", 6), ("zones/", 2), ("users/", 1) };
        foreach (var (prefix, objects) in tables)
        {
            for (var i = 0; i < objects; i++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:00}.parquet");
                var path = System.IO.Path.Combine(Path, key);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                using var batch = SampleBatches.AllTypes(i * 100, 3 + (i % 4));
                new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).WriteTo(path);
                keys.Add(key);
            }
        }

        Keys = keys;
    }

    /// <summary>The table names in name order, as <c>shard_by: table</c> divides them.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["logs", "sales", "users", "zones"];

    public string Path { get; } = Directory.CreateTempSubdirectory("cq-s3-shards-").FullName;

    /// <summary>Every key, relative to <see cref="Path"/>.</summary>
    public IReadOnlyList<string> Keys { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
