using System.Text.Json.Nodes;
using CqSourceS3.Plugin.Cli;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>Reading a config file: every way it can be unusable gives one line naming the file, never a stack trace.</summary>
public sealed class SourceConfigTests : IDisposable
{
    private const string TwoSources = "kind: source\nspec:\n  name: s3-raw\n  spec:\n    bucket: raw\n---\n" +
        "kind: destination\nspec:\n  name: pg\n---\nkind: source\nspec:\n  name: s3-curated\n  tables: [\"sales*\"]\n  spec:\n    bucket: curated\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_SyntaxError_NamesFileLineAndColumn()
    {
        var path = Write("broken.yml", "kind: source\nspec:\n  name: s3\n  spec:\n    bucket: @b\n"u8);

        var error = Assert.Throws<ConfigException>(() => SourceConfig.Load(path));

        Assert.StartsWith($"{path}: line 5, column 13: not a usable YAML config: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AliasBomb_RefusedNamingTheFileWithBoundedMemory()
    {
        var path = Write("bomb.yml", System.Text.Encoding.UTF8.GetBytes(BoundedYamlParserTests.AliasBomb));
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ConfigException>(() => SourceConfig.Load(path));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.StartsWith($"{path}: line 11, column ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"expand it to more than {BoundedYamlParser.DefaultMaxNodes} nodes", error.Message, StringComparison.Ordinal);
        // Unbounded, this file expands to 387 million strings (past 4 GB); refused, it costs what a small file costs.
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes allocated while refusing a {new FileInfo(path).Length}-byte file");
    }

    [Fact]
    public void Load_KeyThatIsAList_NamesItsPosition()
    {
        var path = Write("key.yml", "kind: source\nspec:\n  name: s3\n  spec:\n    ? [a, b]\n    : 1\n"u8);

        var error = Assert.Throws<ConfigException>(() => SourceConfig.Load(path));

        Assert.Equal($"{path}: line 5, column 7: not a usable YAML config: a key must be a plain name, not a list or a mapping", error.Message);
    }

    [Fact]
    public void Load_Folder_SaysItIsAFolder()
    {
        var error = Assert.Throws<ConfigException>(() => SourceConfig.Load(_folder));

        Assert.Equal($"{_folder}: is a folder; give the path of a config file (YAML) with a kind: source document", error.Message);
    }

    [Fact]
    public void Load_Latin1Bytes_RefusedAsNotUtf8WithLineAndByte()
    {
        var path = Write("latin1.yml", [.. "kind: source\nspec:\n  name: caf"u8, 0xE9, .. "\n  spec:\n    bucket: b\n"u8]);

        var error = Assert.Throws<ConfigException>(() => SourceConfig.Load(path));

        Assert.Equal($"{path}: is not UTF-8 text: line 3 has the byte 0xE9 (offset 30), which UTF-8 does not allow; save the file as UTF-8", error.Message);
    }

    [Fact]
    public void Load_Utf8WithByteOrderMark_Accepted()
    {
        var path = Write("bom.yml", [0xEF, 0xBB, 0xBF, .. "kind: source\nspec:\n  name: caf\u00e9\n  spec:\n    bucket: b\n"u8]);

        var config = SourceConfig.Load(path);

        Assert.Equal("caf\u00e9", config.Name);
    }

    [Fact]
    public void Load_TwoSourcesWithoutChoice_NamesBothAndTheOption()
    {
        var path = Write("two.yml", System.Text.Encoding.UTF8.GetBytes(TwoSources));

        var error = Assert.Throws<ConfigException>(() => SourceConfig.Load(path));

        Assert.Equal($"{path}: has 2 kind: source documents (\"s3-raw\", \"s3-curated\"); choose one with --source NAME", error.Message);
    }

    [Fact]
    public void Load_TwoSourcesWithChoice_ReadsTheChosenOne()
    {
        var path = Write("two.yml", System.Text.Encoding.UTF8.GetBytes(TwoSources));

        var config = SourceConfig.Load(path, "s3-curated");

        Assert.Equal("s3-curated", config.Name);
        Assert.Equal(["sales*"], config.Tables);
        Assert.Equal("curated", JsonNode.Parse(config.SpecJson)!["bucket"]!.GetValue<string>());
    }

    [Fact]
    public void Load_UnknownSourceName_ListsTheSources()
    {
        var path = Write("two.yml", System.Text.Encoding.UTF8.GetBytes(TwoSources));

        var error = Assert.Throws<ConfigException>(() => SourceConfig.Load(path, "s3"));

        Assert.Equal($"{path}: no kind: source document is named \"s3\" (--source); its sources: \"s3-raw\", \"s3-curated\"", error.Message);
    }

    [Fact]
    public void Load_SpecThroughAnAnchor_ExpandsIt()
    {
        var path = Write("anchor.yml", "x-common: &common\n  bucket: b\n  region: eu-west-1\nkind: source\nspec:\n  name: s3\n  spec: *common\n"u8);

        var config = SourceConfig.Load(path);

        Assert.Equal("""{"bucket":"b","region":"eu-west-1"}""", config.SpecJson);
    }

    private string Write(string name, ReadOnlySpan<byte> bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }
}
