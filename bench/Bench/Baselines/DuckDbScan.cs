using System.Text.Json;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Processes;

namespace CqSourceS3.Bench.Baselines;

/// <summary>
/// The decode reference: <c>bench/duckdb/scan.mjs</c> (DuckDB through <c>@duckdb/node-api</c>) scanning the same
/// local files with 2 threads, the plugin's core count here. Its packages are installed once with <c>npm ci</c>
/// from the committed lock file.
/// </summary>
internal sealed class DuckDbScan(string duckDbFolder, TextWriter log)
{
    private const int Threads = 2;

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
        var (exit, output, error) = await RunAsync("node", ["scan.mjs", glob, Threads.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancellationToken)
            .ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"duckdb scan failed ({exit}): {error}");
        }

        using var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var rows = result.RootElement.GetProperty("rows").GetInt64();
        if (rows != expectedRows)
        {
            throw new InvalidOperationException($"duckdb counted {rows} rows, the data set has {expectedRows}");
        }

        var cpuSeconds = result.RootElement.TryGetProperty("cpu_seconds", out var cpu) ? cpu.GetDouble() : (double?)null;
        return new Measurement(scenario, result.RootElement.GetProperty("seconds").GetDouble(), rows, parquetBytes, PeakRssBytes: null, BytesFetched: null, cpuSeconds);
    }

    /// <summary>Runs a Node tool in the DuckDB folder, with no time limit: an install or a large scan may take long.</summary>
    private Task<ProcessRun> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRun.StartAsync(program, arguments, duckDbFolder, Timeout.InfiniteTimeSpan, "install Node.js 20 or later", cancellationToken: cancellationToken);
}
