using System.Text.Json;
using CqSourceS3.Plugin.Tests.Cli;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Evolution;

/// <summary>
/// <c>discover</c> in every format over drifting objects (<see cref="DuckDbEvolution"/>): per column, in how many
/// objects it is missing and which types were widened into it; under <c>skip_file</c>, the skipped objects.
/// </summary>
public sealed class EvolutionDiscoverCommandTests(DuckDbEvolution objects) : IClassFixture<DuckDbEvolution>, IDisposable
{
    private readonly TestCacheFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Discover_TableFormat_ShowsMissingAndWidenedColumns()
    {
        var (_, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig("union_by_name")]);

        Assert.Equal("", errors);
        Assert.Matches(@"\n\s+note\s+utf8\s+nullable\s+missing in 1 object\n", output);
        Assert.Matches(@"\n\s+qty\s+int64\s+nullable\s+missing in 1 object, widened from int32\n", output);
        Assert.Matches(@"\n\s+price\s+decimal\(12, 4\)\s+nullable\s+missing in 1 object, widened from decimal\(10, 2\)\n", output);
        Assert.Matches(@"\n\s+id\s+int64\s+nullable\n", output);
    }

    [Fact]
    public async Task Discover_JsonFormat_HasMissingInAndWidenedFromPerColumn()
    {
        var (_, output, _) = await CliRun.InvokeAsync(["discover", WriteConfig("union_by_name"), "--format", "json"]);

        using var document = JsonDocument.Parse(output);
        var orders = document.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "orders");
        var columns = orders.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["name", "type", "nullable", "missing_in", "widened_from"], columns["qty"].EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, columns["qty"].GetProperty("missing_in").GetInt32());
        Assert.Equal(["int32"], columns["qty"].GetProperty("widened_from").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["struct<a: int32, nullable>"], columns["meta"].GetProperty("widened_from").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(0, columns["id"].GetProperty("missing_in").GetInt32());
        Assert.Equal(0, columns["id"].GetProperty("widened_from").GetArrayLength());
    }

    [Fact]
    public async Task Discover_MarkdownFormat_HasASchemaEvolutionLine()
    {
        var (_, output, _) = await CliRun.InvokeAsync(["discover", WriteConfig("union_by_name"), "--format", "markdown"]);

        Assert.Contains("Schema evolution: `note` missing in 1 object; `qty` missing in 1 object, widened from int32;", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_SkipFile_ListsTheSkippedObjectsWithTheDifferingColumns()
    {
        var (exitCode, output, _) = await CliRun.InvokeAsync(["discover", WriteConfig("skip_file"), "--format", "json"]);

        Assert.Equal(1, exitCode);
        using var document = JsonDocument.Parse(output);
        var skipped = document.RootElement.GetProperty("skipped").EnumerateArray()
            .Where(s => s.GetProperty("table").GetString() == "orders").ToList();
        Assert.Equal(["orders/2024-01.parquet", "orders/2024-02.parquet"], skipped.Select(s => s.GetProperty("key").GetString()));
        Assert.All(skipped, s => Assert.False(s.GetProperty("transient").GetBoolean()));
        Assert.Contains("newest object \"orders/2024-03.parquet\"", skipped[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("column \"qty\" (int32) is extra", skipped[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private string WriteConfig(string policy)
    {
        var config = Path.Combine(_cache.Path, $"evolution-{policy}.yml");
        File.WriteAllText(config, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {objects.Path}\n    footer_cache_dir: {_cache.Path}\n    schema_policy: {policy}\n");
        return config;
    }
}
