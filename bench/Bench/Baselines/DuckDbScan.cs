using System.Text.Json;
using CqSourceS3.Bench.Dataset;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Processes;

namespace CqSourceS3.Bench.Baselines;

/// <summary>
/// The decode reference: <c>bench/duckdb/scan.mjs</c> (DuckDB through <c>@duckdb/node-api</c>) scanning the same
/// local files with 2 threads, the plugin's core count here; <c>text.mjs</c> does the same for CSV and JSON Lines.
/// Its packages are installed once with <c>npm ci</c> from the committed lock file.
/// </summary>
internal sealed class DuckDbScan(string duckDbFolder, TextWriter log)
{
    private const int Threads = 2;

    private static readonly string ThreadCount = Threads.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var stamp = Path.Combine(duckDbFolder, "node_modules", ".bench-install-stamp");
        var lockText = await File.ReadAllTextAsync(Path.Combine(duckDbFolder, "package-lock.json"), cancellationToken).ConfigureAwait(false);
        var want = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lockText)));
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, cancellationToken).ConfigureAwait(false) == want)
        {
            return;
        }

        log.WriteLine("duckdb: npm ci in " + duckDbFolder);
        var (exit, _, error) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"npm ci in {duckDbFolder} failed ({exit}): {error}");
        }

        await File.WriteAllTextAsync(stamp, want, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Scans every Parquet file under <paramref name="tableFolder"/>; the time is DuckDB's query alone.</summary>
    public async Task<Measurement> ScanAsync(string scenario, string tableFolder, long expectedRows, long parquetBytes, CancellationToken cancellationToken)
    {
        var glob = Path.Combine(Path.GetFullPath(tableFolder), "*.parquet");
        return await MeasureAsync(scenario, ["scan.mjs", glob, ThreadCount], expectedRows, parquetBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Scans every file of <paramref name="format"/> under <paramref name="tableFolder"/> with <c>read_csv</c> or
    /// <c>read_json</c>; the time is DuckDB's query alone, its type detection included, as inference is in the plugin's.
    /// </summary>
    public async Task<Measurement> ScanTextAsync(string scenario, TextFormat format, string tableFolder, long expectedRows, long objectBytes, CancellationToken cancellationToken)
    {
        var glob = Path.Combine(Path.GetFullPath(tableFolder), "*" + format.Extension);
        return await MeasureAsync(scenario, ["text.mjs", "scan", format.DuckDbReader, glob, ThreadCount], expectedRows, objectBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a scan script and reads its JSON line; a row count other than the data set's fails the run.</summary>
    private async Task<Measurement> MeasureAsync(string scenario, IReadOnlyList<string> arguments, long expectedRows, long objectBytes, CancellationToken cancellationToken)
    {
        var (exit, output, error) = await RunAsync("node", arguments, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{scenario}: duckdb scan failed ({exit}): {error}");
        }

        using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var rows = result.RootElement.GetProperty("rows").GetInt64();
        if (rows != expectedRows)
        {
            throw new InvalidOperationException($"{scenario}: duckdb counted {rows} rows, the data set has {expectedRows}");
        }

        var cpuSeconds = result.RootElement.TryGetProperty("cpu_seconds", out var cpu) ? cpu.GetDouble() : (double?)null;
        return new Measurement(scenario, result.RootElement.GetProperty("seconds").GetDouble(), rows, objectBytes, PeakRssBytes: null, BytesFetched: null, cpuSeconds);
    }

    /// <summary>Runs a Node tool in the DuckDB folder, with no time limit: an install or a large scan may take long.</summary>
    private Task<ProcessRun> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRun.StartAsync(program, arguments, duckDbFolder, Timeout.InfiniteTimeSpan, "install Node.js 20 or later", cancellationToken: cancellationToken);
}
