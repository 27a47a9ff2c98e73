using System.Text.Json;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.DataLake;

/// <summary>
/// Hive-partitioned tables written by DuckDB's <c>COPY … PARTITION_BY</c> (test/tools/duckdb-lake/write-lake.mjs), the
/// way users' producers write them: <c>sales/year=2023/month=1/data_0.parquet</c> … <c>sales/year=2024/month=3/…</c>
/// (15 months, 4 rows each, <c>id = month index * 10 + row</c>, <c>amount = id * 1.5</c>) and
/// <c>events/dt=…/city=…/data_0.parquet</c> with a URL-encoded city and a null one.
/// </summary>
internal static class DuckDbLake
{
    private static readonly TimeSpan WriteLimit = TimeSpan.FromMinutes(2);

    /// <summary>Writes both tables under <paramref name="folder"/>; returns their keys, relative to it.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string folder)
    {
        var tool = Path.Combine(RepoPaths.Root, "test", "tools", "duckdb-lake");
        if (!Directory.Exists(Path.Combine(tool, "node_modules")))
        {
            throw new InvalidOperationException($"{tool}/node_modules is missing: run test/tools/install-test-deps.sh --no-apt");
        }

        var run = await ProcessRun.StartAsync("node", [Path.Combine(tool, "write-lake.mjs"), folder], tool, WriteLimit, "install Node.js 20 or later");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"write-lake.mjs exited with {run.ExitCode}: {run.Stderr}");
        }

        using var json = JsonDocument.Parse(run.Stdout);
        return [.. json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)];
    }

    /// <summary>The sales row of id <paramref name="id"/>: (year, month) of its partition folder and its amount.</summary>
    public static (int Year, int Month, double Amount) Sale(long id)
    {
        var monthIndex = (int)(id / 10);
        return (2023 + (monthIndex / 12), (monthIndex % 12) + 1, id * 1.5);
    }
}
