using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CqSourceS3.Processes;

namespace CqSourceS3.Bench.Dataset;

/// <summary>
/// Writes a generated Parquet set again as text, with DuckDB (<c>node text.mjs write</c>): one file per Parquet
/// file, same relative path, the format's extension, under <c>OUT/&lt;set&gt;-&lt;format&gt;/</c>. Kept while the
/// Parquet set's marker and <c>text.mjs</c> are unchanged, as the Parquet sets are (rewriting 1 GB of CSV and 2 GB
/// of JSON Lines on every bench run would dominate it).
/// </summary>
internal static class TextSetWriter
{
    private const string MarkerName = ".generated";

    /// <returns>The text set's root, the plugin's <c>local_path</c>.</returns>
    public static async Task<string> WriteAsync(string parquetRoot, TextFormat format, string duckDbFolder, TextWriter log, CancellationToken cancellationToken)
    {
        var root = parquetRoot.TrimEnd(Path.DirectorySeparatorChar) + "-" + format.Label;
        var marker = Path.Combine(root, MarkerName);
        var script = Path.Combine(duckDbFolder, "text.mjs");
        var parquetStamp = await File.ReadAllTextAsync(Path.Combine(parquetRoot, MarkerName), cancellationToken).ConfigureAwait(false);
        var scriptHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(script, cancellationToken).ConfigureAwait(false)));
        var stamp = $"{parquetStamp} format={format.Name} text.mjs={scriptHash}";
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker, cancellationToken).ConfigureAwait(false) == stamp)
        {
            log.WriteLine($"text: {format.Name} already in {root}");
            return root;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        var (exit, _, error) = await ProcessRun.StartAsync("node", ["text.mjs", "write", Path.GetFullPath(parquetRoot), Path.GetFullPath(root), format.Name],
            duckDbFolder, Timeout.InfiniteTimeSpan, "install Node.js 20 or later", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"text.mjs could not write {format.Name} into {root} ({exit}): {error}");
        }

        await File.WriteAllTextAsync(marker, stamp, cancellationToken).ConfigureAwait(false);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"text: {format.Name}: {DatasetGenerator.Objects(root, format.Extension).Sum(o => o.Bytes) / 1e6:F1} MB written by DuckDB in {clock.Elapsed.TotalSeconds:F1} s → {root}"));
        return root;
    }
}
