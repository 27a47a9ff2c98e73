using Apache.Arrow.Types;
using CqSourceS3.Client.Spec;
using CqSourceS3.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using static CqSourceS3.Tests.Shared.SimpleParquet;

namespace CqSourceS3.Client.Tests.Discovery;

/// <summary>
/// The guard of issue #15's "hermetic" rule for this assembly: no test writes into the user's footer cache folder.
/// The test process's default cache folder is redirected before any test runs, and a discovery with a default spec
/// (no <c>footer_cache_dir</c>) really writes there and not into the user's folder; a spec routed through a
/// <see cref="TestCacheFolder"/> writes only into that folder.
/// </summary>
public sealed class HermeticFooterCacheTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cq-s3-hermetic-").FullName;

    public HermeticFooterCacheTests() =>
        File.WriteAllBytes(Path.Combine(_data, "orders.parquet"), Bytes(3, Required("id", Int64Type.Default)));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void DefaultDirectory_InTheTestProcess_IsUnderThisRunsFolderNotTheUsers() =>
        HermeticFooterCacheAssert.DefaultFolderIsRedirected();

    [Fact]
    public async Task Discover_DefaultSpec_WritesTheCacheFileUnderTheRunFolderAndNotTheUsers()
    {
        await using var client = await SourceClient.CreateAsync(new SourceSpec { LocalPath = _data }, NullLoggerFactory.Instance, CancellationToken.None);

        var result = await client.DiscoverAsync(CancellationToken.None);

        Assert.Equal(3, Assert.Single(result.Tables).Rows);
        File.Delete(HermeticFooterCacheAssert.WrittenOnlyUnder(TestCacheHome.RunFolder, client.Store.Location));
    }

    [Fact]
    public async Task Discover_SpecFromATestCacheFolder_WritesTheCacheFileOnlyThere()
    {
        using var cache = new TestCacheFolder();
        await using var client = await SourceClient.CreateAsync(cache.For(new SourceSpec { LocalPath = _data }), NullLoggerFactory.Instance, CancellationToken.None);

        var result = await client.DiscoverAsync(CancellationToken.None);

        Assert.Equal(3, Assert.Single(result.Tables).Rows);
        HermeticFooterCacheAssert.WrittenOnlyUnder(cache.Path, client.Store.Location, notIn: TestCacheHome.RunFolder);
    }
}
