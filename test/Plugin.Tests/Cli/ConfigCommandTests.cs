using Apache.Arrow.Types;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// Every command that reads a config (<c>sync</c>, <c>sync --dry-run</c>, <c>discover</c>) treats an unusable one the
/// same: exit code 2 and one line on stderr naming the file, never a stack trace; and each takes <c>--source</c>.
/// </summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-config-cmd-").FullName;

    public ConfigCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "raw"));
        Directory.CreateDirectory(Path.Combine(_folder, "curated"));
        File.WriteAllBytes(Path.Combine(_folder, "curated", "sales.parquet"), Bytes(3, Nullable("amount", Int64Type.Default)));
    }

    public static TheoryData<string[]> Commands => new() { new[] { "sync" }, new[] { "sync", "--dry-run" }, new[] { "discover" } };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_YamlSyntaxError_ExitsTwoWithLineAndColumn(string[] command)
    {
        var config = Write("broken.yml", "kind: source\nspec:\n  name: s3\n  spec:\n    local_path: @x\n");

        var (exitCode, output, errors) = await CliRun.InvokeAsync([.. command, config]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Matches($@"^{Escaped(config)}: line 5, column 17: not a usable YAML config: [^\n]+\n$", errors);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_FolderAsConfig_ExitsTwoSayingItIsAFolder(string[] command)
    {
        var (exitCode, _, errors) = await CliRun.InvokeAsync([.. command, _folder]);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{_folder}: is a folder; give the path of a config file (YAML) with a kind: source document\n", errors);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_NotUtf8_ExitsTwoSayingSo(string[] command)
    {
        var config = Path.Combine(_folder, "utf16.yml");
        File.WriteAllText(config, "kind: source\n", System.Text.Encoding.Unicode);

        var (exitCode, _, errors) = await CliRun.InvokeAsync([.. command, config]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{config}: is not UTF-8 text: line 1 has the byte 0xFF (offset 0)", errors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_TwoSourcesWithoutSourceOption_ExitsTwoNamingBoth(string[] command)
    {
        var config = WriteTwoSources();

        var (exitCode, _, errors) = await CliRun.InvokeAsync([.. command, config]);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{config}: has 2 kind: source documents (\"raw\", \"curated\"); choose one with --source NAME\n", errors);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_TwoSourcesWithSourceOption_UsesTheChosenOne(string[] command)
    {
        var config = WriteTwoSources();

        var (exitCode, output, errors) = await CliRun.InvokeAsync([.. command, config, "--source", "curated"]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains("sales", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_OutOfRangeSpecInteger_ExitsTwoNamingFileFieldAndRange(string[] command)
    {
        var config = Write("range.yml", $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {_folder}\n    lookback_seconds: 99999999999\n");

        var (exitCode, _, errors) = await CliRun.InvokeAsync([.. command, config]);

        Assert.Equal(2, exitCode);
        Assert.Equal($"{config}: invalid spec: lookback_seconds: 99999999999 is out of range; must be between 0 and 31536000\n", errors);
    }

    [Fact]
    public async Task Help_EveryConfigCommand_ListsTheSourceOption()
    {
        foreach (var command in new[] { "sync", "discover" })
        {
            var (_, output, _) = await CliRun.InvokeAsync([command, "--help"]);

            Assert.Contains("--source <NAME>", output, StringComparison.Ordinal);
        }
    }

    /// <summary>Two sources; their footer caches stay in this test's folder, not in the default one.</summary>
    private string WriteTwoSources() => Write("two.yml",
        $"kind: source\nspec:\n  name: raw\n  spec:\n    local_path: {Path.Combine(_folder, "raw")}\n    footer_cache_dir: {FooterCacheDir}\n---\n" +
        $"kind: source\nspec:\n  name: curated\n  spec:\n    local_path: {Path.Combine(_folder, "curated")}\n    footer_cache_dir: {FooterCacheDir}\n");

    private string FooterCacheDir => Path.Combine(_folder, "footer-cache");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Escaped(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
