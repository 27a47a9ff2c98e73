using System.Globalization;
using CqSourceS3.Bench.Baselines;
using CqSourceS3.Bench.Dataset;
using CqSourceS3.Bench.Measure;

namespace CqSourceS3.Bench.Runs;

/// <summary>
/// Issue #20's speed scenarios. <c>text</c>: the reference set as DuckDB writes it in CSV, CSV.gz and JSON Lines;
/// each round DuckDB scans each format (<c>read_csv</c>, <c>read_json</c>) and the plugin syncs the same files from
/// the local folder with the format's <c>filetype</c>, and must send exactly the rows DuckDB counted. <c>big-text</c>:
/// one <c>.csv.gz</c> of about 50 MB and one of about 2 GB (both times the scale), synced the same way: their peak
/// RSS is the "memory flat in object size".
/// </summary>
internal sealed class TextScenarios(PluginScenarios plugin, DuckDbScan duckDb, string duckDbFolder, TextWriter log)
{
    /// <summary>The two compressed sizes of one object, at scale 1.</summary>
    private const double BaseGzipBytes = 50e6;

    private const double BigGzipBytes = 2e9;

    private readonly List<TextSet> _sets = [];
    private readonly List<(string Scenario, BigTextFile File)> _bigFiles = [];
    private string _tableFolder = string.Empty;
    private long _rows;

    /// <summary>
    /// Writes (or finds) the text sets of the scenarios asked for: <paramref name="text"/> all three formats,
    /// <paramref name="bigText"/> the CSV (its source rows) and the two big files.
    /// </summary>
    public async Task PrepareAsync(string referenceRoot, string tableFolder, long rows, bool text, bool bigText, double scale, CancellationToken cancellationToken)
    {
        _tableFolder = tableFolder;
        _rows = rows;
        string? csvRoot = null;
        foreach (var format in text ? TextFormat.All : bigText ? [TextFormat.Csv] : [])
        {
            var root = await TextSetWriter.WriteAsync(referenceRoot, format, duckDbFolder, log, cancellationToken).ConfigureAwait(false);
            csvRoot = format == TextFormat.Csv ? root : csvRoot;
            if (text)
            {
                _sets.Add(new TextSet(format, root, DatasetGenerator.Objects(root, format.Extension).Sum(o => o.Bytes)));
            }
        }

        if (bigText && csvRoot is not null)
        {
            // Both files repeat the rows of the reference set's first CSV file, so they differ only in length.
            var source = DatasetGenerator.Objects(csvRoot, TextFormat.Csv.Extension)[0].Path;
            var outputRoot = Path.GetDirectoryName(Path.GetFullPath(referenceRoot))!;
            _bigFiles.Add(("local-sync-csv-gz-base", BigTextWriter.Write(source, Path.Combine(outputRoot, "big-text-base"), (long)Math.Max(1e6, BaseGzipBytes * scale), log)));
            _bigFiles.Add(("local-sync-csv-gz-big", BigTextWriter.Write(source, Path.Combine(outputRoot, "big-text-big"), (long)Math.Max(1e6, BigGzipBytes * scale), log)));
        }
    }

    /// <summary>One round: per format DuckDB's scan then the plugin's sync, then the two big files.</summary>
    public async Task RunRoundAsync(Action<string, Measurement> record, CancellationToken cancellationToken)
    {
        foreach (var set in _sets)
        {
            var format = set.Format;
            var scan = await duckDb.ScanTextAsync($"duckdb-{format.Label}", format, Path.Combine(set.Root, _tableFolder), _rows, set.Bytes, cancellationToken).ConfigureAwait(false);
            record($"DuckDB {format.DuckDbFunction} scan, 2 threads, reference as {format.Title}", scan);

            // The scan checked DuckDB's count against the set's; the plugin must send that many rows, ids 0 to rows − 1.
            record($"plugin, local folder, reference as {format.Title} (`filetype: {format.FileType}`)",
                await SyncAsync($"local-sync-{format.Label}", set.Root, format, scan.Rows, set.Bytes, cancellationToken).ConfigureAwait(false));
        }

        foreach (var (scenario, file) in _bigFiles)
        {
            record(string.Create(CultureInfo.InvariantCulture, $"plugin, local folder, one .csv.gz of {file.Bytes / 1e6:F0} MB (`filetype: csv`)"),
                await SyncAsync(scenario, file.Root, TextFormat.CsvGzip, file.Rows, file.Bytes, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<Measurement> SyncAsync(string scenario, string root, TextFormat format, long rows, long bytes, CancellationToken cancellationToken)
    {
        try
        {
            return await plugin.LocalSyncAsync(scenario, root, rows, bytes, cancellationToken, Spec(format)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A plugin built before issue #20's text engines rejects the spec or finds no table: say so, loudly.
            throw new InvalidOperationException(
                $"{scenario}: the plugin did not sync {rows:N0} rows of {format.Name} from {root} (needs a plugin that reads `filetype: {format.FileType}`; "
                + "leave the text scenarios out with --skip text,big-text)", e);
        }
    }

    private static Dictionary<string, object> Spec(TextFormat format) => new() { ["filetype"] = format.FileType };

    private sealed record TextSet(TextFormat Format, string Root, long Bytes);
}
