using System.Diagnostics;
using System.Globalization;

namespace CqSourceS3.Bench.Dataset;

/// <summary>
/// Writes a data set under <c>OUT/&lt;set&gt;/&lt;table folder&gt;/part-NNNNN.parquet</c>, skipping the work when a marker
/// says the same set, scale and seed are already there (regenerating 400 MB on every bench run would dominate it).
/// </summary>
internal static class DatasetGenerator
{
    private const string MarkerName = ".generated";

    public static string Generate(DatasetShape shape, int seed, string outputRoot, TextWriter log)
    {
        var root = shape.Root(outputRoot);
        var marker = Path.Combine(root, MarkerName);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{shape} seed={seed}");
        if (File.Exists(marker) && File.ReadAllText(marker) == stamp)
        {
            log.WriteLine($"generate: {shape.Name} already in {root}");
            return root;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var folder = Path.Combine(root, shape.TableFolder);
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        for (var file = 0; file < shape.FileCount; file++)
        {
            var writer = new BenchTableWriter(seed, file, firstId: file * shape.RowsPerFile, withoutScore: shape.LacksScore(file));
            writer.Write(Path.Combine(root, shape.Key(file)), shape.RowsPerFile, shape.RowGroupsPerFile);
        }

        File.WriteAllText(marker, stamp);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generate: {shape.Name}: {shape.FileCount} files × {shape.RowsPerFile:N0} rows ({shape.RowGroupsPerFile} row groups), {ObjectBytes(root) / 1e6:F1} MB in {clock.Elapsed.TotalSeconds:F1} s → {root}"));
        return root;
    }

    /// <summary>The objects of a generated set (Parquet unless <paramref name="extension"/> says otherwise), as (key, path, bytes), in key order.</summary>
    public static IReadOnlyList<DatasetObject> Objects(string root, string extension = ".parquet") =>
        [.. Directory.EnumerateFiles(root, "*" + extension, SearchOption.AllDirectories)
            .Select(path => new DatasetObject(Path.GetRelativePath(root, path).Replace('\\', '/'), path, new FileInfo(path).Length))
            .OrderBy(o => o.Key, StringComparer.Ordinal)];

    public static long ObjectBytes(string root) => Objects(root).Sum(o => o.Bytes);
}

/// <summary>One generated object: its S3 key (relative path), local path and size.</summary>
internal sealed record DatasetObject(string Key, string Path, long Bytes);
