using System.Text.Json;
using CqSourceS3.Plugin.Tests.Cli;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Text;

/// <summary>
/// <c>discover</c> over CSV objects whose own first rows type a column differently: the table gets the wider type, and
/// the column says which types it was widened from, as it does for Parquet objects under <c>union_by_name</c>.
/// </summary>
public sealed class TextDiscoverCommandTests : IDisposable
{
    private readonly TestCacheFolder _folder = new();

    public TextDiscoverCommandTests()
    {
        var table = Directory.CreateDirectory(Path.Combine(_folder.Path, "data", "readings")).FullName;
        File.WriteAllText(Path.Combine(table, "a.csv"), "id,value,note\n1,2,x\n2,3,y\n");
        File.WriteAllText(Path.Combine(table, "b.csv"), "id,value,note\n3,2.5,z\n");
        File.SetLastWriteTimeUtc(Path.Combine(table, "a.csv"), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(Path.Combine(table, "b.csv"), new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Discover_TextColumnTypedDifferentlyByItsObjects_ShowsTheTypeItWasWidenedFrom()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["discover", WriteConfig()]);

        Assert.Equal((0, ""), (exitCode, errors));
        Assert.Matches(@"\n\s+value\s+float64\s+nullable\s+widened from int64\n", output);
        Assert.Matches(@"\n\s+id\s+int64\s+nullable\n", output);
    }

    [Fact]
    public async Task Discover_JsonFormat_HasTheInferredTypeInWidenedFrom()
    {
        var (_, output, _) = await CliRun.InvokeAsync(["discover", WriteConfig(), "--format", "json"]);

        using var document = JsonDocument.Parse(output);
        var columns = document.RootElement.GetProperty("tables")[0].GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("float64", columns["value"].GetProperty("type").GetString());
        Assert.Equal(["int64"], columns["value"].GetProperty("widened_from").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(0, columns["note"].GetProperty("widened_from").GetArrayLength());
    }

    private string WriteConfig()
    {
        var config = Path.Combine(_folder.Path, "text.yml");
        File.WriteAllText(config,
            $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {Path.Combine(_folder.Path, "data")}\n    filetype: csv\n    footer_cache_dir: {Path.Combine(_folder.Path, "cache")}\n");
        return config;
    }
}
