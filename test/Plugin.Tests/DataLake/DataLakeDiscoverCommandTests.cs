using System.Text.Json;
using CqSourceS3.Plugin.Tests.Cli;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.DataLake;

/// <summary>
/// <c>discover</c> (every format) and <c>sync --dry-run</c> over the <see cref="LakeFolder"/>: one table per
/// partitioned folder, its partition columns named, and the hidden and excluded objects counted by reason.
/// </summary>
public sealed class DataLakeDiscoverCommandTests(LakeFolder lake) : IClassFixture<LakeFolder>, IDisposable
{
    // Excludes one events day (2 objects); the 4 Spark and Hadoop leftovers are hidden.
    private const string Options = "    hive_types: {year: int32, month: int32}\n    exclude: [\"events/dt=2024-01-02/**\"]\n";

    private readonly TestCacheFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Discover_TableFormat_NamesPartitionColumnsAndIgnoredByReason()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig()]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}\n{output}");
        Assert.Matches(@"\nclicks\s+3\s+75\s+\d+\s+\d+\s+ok\n", output);
        Assert.Matches(@"\nevents\s+2\s+2\s+\d+\s+4\s+ok\n", output);
        Assert.Matches(@"\nsales\s+15\s+60\s+\d+\s+4\s+ok\n", output);
        Assert.Matches(@"\n\s+year\s+int32\s+nullable\n\s+month\s+int32\s+nullable\n", output);
        Assert.Contains("  partition columns: year, month\n", output, StringComparison.Ordinal);
        Assert.Contains("  partition columns: dt, city\n", output, StringComparison.Ordinal);
        Assert.Contains("  partition columns: region, dt\n", output, StringComparison.Ordinal);
        Assert.Contains("ignored: 6 objects: 4 hidden or temporary (ignore_hidden), 2 outside include/exclude", output, StringComparison.Ordinal);
        Assert.DoesNotContain("_temporary", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_JsonFormat_HasPartitionColumnsAndIgnoredByReason()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig(), "--format", "json"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var tables = root.GetProperty("tables").EnumerateArray().ToDictionary(
            t => t.GetProperty("name").GetString()!,
            t => t.GetProperty("partition_columns").EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.Equal(["region", "dt"], tables["clicks"]);
        Assert.Equal(["dt", "city"], tables["events"]);
        Assert.Equal(["year", "month"], tables["sales"]);
        Assert.Equal(6, root.GetProperty("ignored").GetInt32());
        var byReason = root.GetProperty("ignored_by_reason");
        Assert.Equal((0, 4, 2), (byReason.GetProperty("not_parquet").GetInt32(), byReason.GetProperty("hidden").GetInt32(), byReason.GetProperty("excluded").GetInt32()));
    }

    [Fact]
    public async Task Discover_MarkdownFormat_HasPartitionColumnsAndIgnoredByReason()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig(), "--format", "markdown"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains("## sales\n", output, StringComparison.Ordinal);
        Assert.Contains("Hive partition columns: `year`, `month`.", output, StringComparison.Ordinal);
        Assert.Contains("| `year` | `int32` | yes |", output, StringComparison.Ordinal);
        Assert.Contains("6 objects ignored: 4 hidden or temporary (ignore_hidden), 2 outside include/exclude.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_Lake_ListsPartitionColumnsAndTheObjectsToReadOnly()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["sync", WriteConfig(), "--dry-run"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}\n{output}");
        Assert.Contains("table sales: 15 objects to read", output, StringComparison.Ordinal);
        Assert.Contains("table events: 2 objects to read", output, StringComparison.Ordinal);
        Assert.Contains("  partition columns: year, month\n", output, StringComparison.Ordinal);
        Assert.Contains("ignored: 4 hidden or temporary (ignore_hidden), 2 outside include/exclude", output, StringComparison.Ordinal);
        Assert.DoesNotContain("events/dt=2024-01-02", output, StringComparison.Ordinal);
        Assert.DoesNotContain("_COPYING_", output, StringComparison.Ordinal);
    }

    private string WriteConfig()
    {
        var config = Path.Combine(_cache.Path, "lake.yml");
        File.WriteAllText(config, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {lake.Path}\n    footer_cache_dir: {_cache.Path}\n{Options}");
        return config;
    }
}
