using CqSourceS3.Plugin.Tests.Cli;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Mirror;

/// <summary>
/// <c>mirror: true</c> in the standalone commands over a local folder: without <c>--state</c> the config is unusable,
/// and with it the dry run and the summary say which objects replace their rows and which deleted objects take theirs.
/// </summary>
public sealed class MirrorCommandTests : IDisposable
{
    private readonly TestCacheFolder _cache = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-mirror-").FullName;

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Sync_MirrorWithoutState_ExitsTwoSayingWhatIsNeeded()
    {
        Write("t/a.parquet", 0, 3);

        var (exitCode, output, errors) = await CliRun.InvokeAsync(["sync", WriteConfig()]);

        Assert.Equal(2, exitCode);
        Assert.Contains("mirror: true needs a state backend", errors, StringComparison.Ordinal);
        Assert.Contains("--state FILE", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("rows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunAndSync_AfterARewriteAndADelete_NameWhatIsReplacedAndDeleted()
    {
        Write("t/a.parquet", 0, 3);
        Write("t/b.parquet", 100, 3);
        var state = Path.Combine(_cache.Path, "state.json");
        var (firstExit, firstOutput, firstErrors) = await CliRun.InvokeAsync(["sync", WriteConfig(), "--state", state]);
        Assert.True(firstExit == 0, $"exit {firstExit}: {firstErrors}\n{firstOutput}");

        Write("t/a.parquet", 500, 4);
        File.SetLastWriteTimeUtc(Path.Combine(_folder, "t/a.parquet"), DateTime.UtcNow.AddMinutes(-1));
        File.Delete(Path.Combine(_folder, "t/b.parquet"));
        var (dryExit, dryOutput, dryErrors) = await CliRun.InvokeAsync(["sync", WriteConfig(), "--state", state, "--dry-run"]);
        var (syncExit, syncOutput, syncErrors) = await CliRun.InvokeAsync(["sync", WriteConfig(), "--state", state]);

        Assert.True(dryExit == 0, $"exit {dryExit}: {dryErrors}\n{dryOutput}");
        Assert.Contains("table t: 1 objects to read", dryOutput, StringComparison.Ordinal);
        Assert.Contains("  mirror: 1 of them replace rows sent before (deleted first), 1 objects no longer listed would have their rows deleted\n", dryOutput, StringComparison.Ordinal);
        Assert.Contains("  delete rows of t/b.parquet\n", dryOutput, StringComparison.Ordinal);
        Assert.True(syncExit == 0, $"exit {syncExit}: {syncErrors}\n{syncOutput}");
        Assert.Contains("mirror t: 1 objects replaced their earlier rows, 1 deleted objects took their rows with them", syncOutput, StringComparison.Ordinal);
    }

    private void Write(string key, long first, int rows)
    {
        var path = Path.Combine(_folder, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var batch = SampleBatches.AllTypes(first, rows);
        new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).WriteTo(path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-10));
    }

    private string WriteConfig()
    {
        var config = Path.Combine(_cache.Path, "mirror.yml");
        File.WriteAllText(config, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {_folder}\n    footer_cache_dir: {_cache.Path}\n    mirror: true\n");
        return config;
    }
}
