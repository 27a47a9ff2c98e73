using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Release;

/// <summary>
/// The Native AOT executable (a Linux release) carries ParquetSharp's native library inside and writes it to the
/// plugin's cache folder before it reads Parquet: the library must land there whole, named by its hash, and a machine
/// where neither the cache nor the temporary folder can be written must get a message that says what to set, not a
/// native-load error in the middle of a sync. Other platforms' releases bundle the library the .NET way, so these
/// checks apply to Linux alone.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class EmbeddedNativeLibraryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PublishedExecutable_FreshCacheFolder_WritesTheNativeLibraryThereAndSyncs()
    {
        var executable = await PublishedPlugin.GetPathAsync();
        using var cacheHome = new TestCacheFolder();

        var run = await ProcessRun.StartAsync(
            executable, ["sync", Path.Combine("examples", "quickstart.yml")], RepoPaths.Root, RunLimit, environment: cacheHome.ChildEnvironment());

        output.WriteLine(run.Stdout + run.Stderr);
        run.AssertSucceeded("sync examples/quickstart.yml");
        if (OperatingSystem.IsLinux())
        {
            var library = Assert.Single(Directory.GetFiles(Path.Combine(cacheHome.Path, "cq-source-s3", "native"), "*", SearchOption.AllDirectories));
            Assert.Equal("ParquetSharpNative.so", Path.GetFileName(library));
            Assert.Matches("^[0-9a-f]{16}$", Path.GetFileName(Path.GetDirectoryName(library)));
            Assert.True(new FileInfo(library).Length > 1_000_000, $"{library} is {new FileInfo(library).Length} bytes");
        }
    }

    [Fact]
    public async Task PublishedExecutable_NoWritableCacheOrTemporaryFolder_FailsWithExitCode2AndSaysWhatToSet()
    {
        var executable = await PublishedPlugin.GetPathAsync();
        using var cacheHome = new TestCacheFolder();

        // A regular file where both folders would have to be: no folder can be made below it, even by root.
        var blocker = Path.Combine(cacheHome.Path, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "");
        var environment = new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = Path.Combine(blocker, "cache"), ["TMPDIR"] = Path.Combine(blocker, "tmp") };
        var run = await ProcessRun.StartAsync(
            executable, ["sync", Path.Combine("examples", "quickstart.yml")], RepoPaths.Root, RunLimit, environment: environment);

        output.WriteLine(run.Stdout + run.Stderr);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(2, run.ExitCode);
            Assert.StartsWith("cq-source-s3 failed: cannot write ParquetSharp's native library to ", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("set XDG_CACHE_HOME to a writable folder", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
    }
}
