using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Release;

/// <summary>
/// The Native AOT executable (a Linux release) carries ParquetSharp's native library inside and writes it to the
/// plugin's cache folder before it reads Parquet (that it lands there is checked by the quick-start sync of
/// <see cref="PublishedExecutableTests"/>). A machine where neither the cache nor the temporary folder can be written
/// must get a message that says what to set, not a native-load error in the middle of a sync. Other platforms'
/// releases bundle the library the .NET way, so this check applies to Linux alone.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class EmbeddedNativeLibraryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

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
            Assert.StartsWith("cq-source-s3 failed: cannot write ParquetSharp's native library to " + Path.Combine(blocker, "cache"), run.Stderr, StringComparison.Ordinal);
            Assert.Contains("set XDG_CACHE_HOME to a writable folder", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }
    }
}
