using Apache.Arrow.Types;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>
/// The guard of issue #15's "hermetic" rule for this assembly: no test writes into the user's footer cache folder.
/// The test process's default cache folder is redirected before any test runs (the plugin processes inherit that),
/// and each <see cref="PluginProcess"/> gets an <c>XDG_CACHE_HOME</c> of its own: a sync with a default spec (no
/// <c>footer_cache_dir</c>) writes its cache file there, and neither into the user's folder nor the test process's.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class HermeticFooterCacheTests(ITestOutputHelper output)
{
    [Fact]
    public void DefaultDirectory_InTheTestProcess_IsUnderThisRunsFolderNotTheUsers() =>
        HermeticFooterCacheAssert.DefaultFolderIsRedirected();

    [Fact]
    public async Task Sync_PluginProcessWithDefaultSpec_WritesTheCacheFileIntoItsOwnCacheHomeOnly()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "orders.parquet"), Bytes(3, Required("id", Int64Type.Default)));
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["init", Specs.LocalPath(folder.Path), "sync"], output, CancellationToken.None);

        results.SucceededOnce("Init");
        Assert.Equal(1, results.SucceededOnce("Sync").GetProperty("migrate_table").GetInt32());
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
        HermeticFooterCacheAssert.WrittenOnlyUnder(plugin.CacheHome, new LocalFolderStore(folder.Path).Location, notIn: TestCacheHome.RunFolder);
    }
}
