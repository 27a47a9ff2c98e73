using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// <c>concurrency: -1</c> under <c>ulimit -n 128</c>: the sync used to die with an OutOfMemoryException from
/// Thread.Start once the process ran out of descriptors. It now reads fewer objects at once, says so, and reads all.
/// </summary>
public sealed class OpenFileLimitCommandTests : IDisposable
{
    private const int Objects = 300;
    private const int RowsPerObject = 10;
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-open-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Sync_UnlimitedConcurrencyUnderALowOpenFileLimit_ReadsEveryObjectWithFewerAtOnce()
    {
        var bytes = SampleParquet();
        for (var i = 0; i < Objects; i++)
        {
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, "data", "t")).FullName, $"part-{i:D4}.parquet"), bytes);
        }

        var config = Path.Combine(_folder, "config.yml");
        File.WriteAllText(config, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {Path.Combine(_folder, "data")}\n    concurrency: -1\n    footer_cache: false\n");

        var (exitCode, output, errors) = await PluginCommand.RunWrappedAsync(
            ["bash", "-c", "ulimit -n 128 && exec \"$@\"", "bash"], new Dictionary<string, string?>(), "sync", config, "--log-level", "warn");

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}\n{output}");
        Assert.Contains($"total: 1 tables, {Objects * RowsPerObject} rows, 0 objects skipped, 0 tables failed", output, StringComparison.Ordinal);
        Assert.Matches(@"Reading \d+ objects at once instead of 256: the process may open 128 files \(ulimit -n\)", errors);
        Assert.DoesNotContain("OutOfMemory", errors, StringComparison.Ordinal);
    }

    private static byte[] SampleParquet()
    {
        using var batch = SampleBatches.AllTypes(0, RowsPerObject);
        return new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes();
    }
}
