using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Release;

/// <summary>
/// The smoke test of a release: the published single-file executable, alone in an empty folder, prints its stamped
/// version, serves the protocol to CloudQuery's own JS client on a unix socket as the CLI launches it, and syncs the
/// quick-start example end to end (on Linux, with ParquetSharp's native library written to the cache it is given).
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class PublishedExecutableTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PublishedExecutable_AloneInAFolder_PrintsTheStampedVersion()
    {
        var executable = await PublishedPlugin.GetPathAsync();

        var run = await ProcessRun.StartAsync(executable, ["--version"], Path.GetDirectoryName(executable)!, RunLimit);

        run.AssertSucceeded("--version");
        Assert.Equal(PublishedPlugin.PluginVersion + "\n", run.Stdout);
        Assert.Equal([executable], Directory.GetFileSystemEntries(Path.GetDirectoryName(executable)!));
    }

    [Fact]
    public async Task PublishedExecutable_ServeOnUnixSocket_AnswersGetVersions3AndTheStampedVersion()
    {
        var executable = await PublishedPlugin.GetPathAsync();
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions { Executable = executable }, output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["versions", "version"], output, CancellationToken.None);

        Assert.Equal([3], results.SucceededOnce("GetVersions").GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(PublishedPlugin.PluginVersion, results.SucceededOnce("GetVersion").Text("version"));
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Fact]
    public async Task PublishedExecutable_SyncQuickstartFromTheRepositoryRoot_SyncsAll4300RowsOfFourTables()
    {
        var executable = await PublishedPlugin.GetPathAsync();
        using var cacheHome = new TestCacheFolder();

        // quickstart.yml's local_path (./examples/data) is relative to the working directory, as the README runs it;
        // it names no footer_cache_dir, so the cache goes to the XDG_CACHE_HOME this run gets.
        var run = await ProcessRun.StartAsync(
            executable, ["sync", Path.Combine("examples", "quickstart.yml")], RepoPaths.Root, RunLimit, environment: cacheHome.ChildEnvironment());

        output.WriteLine(run.Stdout);
        run.AssertSucceeded("sync examples/quickstart.yml");
        Assert.Matches(@"customers\s+1\s+0\s+500\s+\d+\s+\d+\.\d\d\s+ok", run.Stdout);
        Assert.Matches(@"sales_orders\s+2\s+0\s+2000\s+\d+\s+\d+\.\d\d\s+ok", run.Stdout);
        Assert.Contains("total: 4 tables, 4300 rows, 0 objects skipped, 0 tables failed", run.Stdout, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            // The Native AOT release wrote ParquetSharp's native library whole into the cache, named by its hash.
            var library = Assert.Single(Directory.GetFiles(Path.Combine(cacheHome.Path, "cq-source-s3", "native"), "*", SearchOption.AllDirectories));
            Assert.Equal("ParquetSharpNative.so", Path.GetFileName(library));
            Assert.Matches("^[0-9a-f]{16}$", Path.GetFileName(Path.GetDirectoryName(library)));
            Assert.True(new FileInfo(library).Length > 1_000_000, $"{library} is {new FileInfo(library).Length} bytes");
        }
    }
}
