using System.Text.RegularExpressions;
using Apache.Arrow.Types;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// The guard of issue #15's "hermetic" rule for this assembly: no test writes into the user's footer cache folder.
/// The test process's default cache folder is redirected before any test runs; a <c>sync</c> of a config without
/// <c>footer_cache_dir</c> run in process writes its cache there, and one run as a child through
/// <see cref="PluginCommand"/> writes it into a folder of that run alone, neither the user's nor the process's.
/// </summary>
public sealed partial class HermeticFooterCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-hermetic-").FullName;
    private readonly string _config;

    public HermeticFooterCacheTests()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        File.WriteAllBytes(Path.Combine(data, "orders.parquet"), Bytes(3, Required("id", Int64Type.Default)));
        _config = Path.Combine(_folder, "config.yml");
        File.WriteAllText(_config, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {data}\n");
        Location = new LocalFolderStore(data).Location;
    }

    /// <summary>The store location the plugin names the cache file after.</summary>
    private string Location { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DefaultDirectory_InTheTestProcess_IsUnderThisRunsFolderNotTheUsers() =>
        HermeticFooterCacheAssert.DefaultFolderIsRedirected();

    [Fact]
    public async Task Sync_InProcessWithoutCacheDir_WritesTheCacheFileUnderTheRunFolderAndNotTheUsers()
    {
        var (exitCode, output, errors) = await CliRun.InvokeAsync(["sync", _config]);

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains("total: 1 tables, 3 rows", output, StringComparison.Ordinal);
        File.Delete(HermeticFooterCacheAssert.WrittenOnlyUnder(TestCacheHome.RunFolder, Location));
    }

    [Fact]
    public async Task Sync_ChildProcessWithoutCacheDir_WritesTheCacheFileIntoAFolderOfItsRunAlone()
    {
        var (exitCode, output, errors) = await PluginCommand.RunAsync("sync", _config, "--log-level", "debug");

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains("total: 1 tables, 3 rows", output, StringComparison.Ordinal);
        var saved = SavedTo().Match(errors);
        Assert.True(saved.Success, $"the child logged no saved footer cache:\n{errors}");
        var path = saved.Groups["path"].Value;
        Assert.Equal(HermeticFooterCacheAssert.FileName(Location), Path.GetFileName(path));
        Assert.False(path.StartsWith(TestCacheHome.RealFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal), path);
        Assert.False(path.StartsWith(TestCacheHome.RunFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal), path);
        Assert.False(File.Exists(path), $"{path} outlived the run whose cache folder it is in");
        Assert.False(File.Exists(Path.Combine(TestCacheHome.RealFolder, Path.GetFileName(path))), "the user's cache folder has the file");
    }

    /// <summary>The debug line the plugin logs when it wrote its footer cache file.</summary>
    [GeneratedRegex(@"Footer cache: \d+ objects saved to (?<path>\S+\.bin)")]
    private static partial Regex SavedTo();
}
