using CqSourceS3.Plugin.Cli;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// A table that lost objects to skips is never reported <c>ok</c>: <c>skipped</c> in the sync summary when nothing
/// of it was read, <c>partial</c> when some was; <c>discover</c> and <c>sync --dry-run</c> say the same of footers.
/// </summary>
public sealed class SkippedTableStatusTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-skipped-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false, 3, 0, "ok")]
    [InlineData(false, 2, 1, "partial")]
    [InlineData(false, 0, 1, "skipped")]
    [InlineData(false, 0, 0, "ok")]
    [InlineData(true, 0, 1, "FAILED")]
    [InlineData(true, 2, 0, "FAILED")]
    public void StatusOf_ReadSkippedFailed_NamesWhatTheTableGot(bool failed, long read, int skipped, string expected)
    {
        Assert.Equal(expected, SyncReport.StatusOf(failed, read, skipped));
    }

    [Fact]
    public async Task Sync_OnlyObjectSkipped_TableIsSkippedNotOk()
    {
        Write("good.parquet", Good(0));
        Write("broken.parquet", DataOverwritten());
        Write("mixed/a.parquet", Good(100));
        Write("mixed/b.parquet", DataOverwritten());

        var (exitCode, output, errors) = await CliRun.InvokeAsync(["sync", Config()]);

        Assert.True(exitCode == 1, $"exit {exitCode}: {errors}");
        Assert.Matches(@"\nbroken\s+0\s+1\s+0\s+\d+\s+\d+\.\d\d\s+skipped\n", output);
        Assert.Matches(@"\nmixed\s+1\s+1\s+100\s+\d+\s+\d+\.\d\d\s+partial\n", output);
        Assert.Matches(@"\ngood\s+1\s+0\s+100\s+\d+\s+\d+\.\d\d\s+ok\n", output);
        Assert.Contains("skipped: broken.parquet (broken): ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverAndDryRun_FooterUnreadable_TableIsPartialAndTheDryRunSaysSoAndExitsOne()
    {
        Write("orders/a.parquet", Good(0));
        Write("orders/b.parquet", "not parquet at all, long enough to look for a footer"u8.ToArray());

        var discover = await CliRun.InvokeAsync(["discover", Config()]);
        var dryRun = await CliRun.InvokeAsync(["sync", Config(), "--dry-run"]);

        Assert.Equal(1, discover.ExitCode);
        Assert.Matches(@"\norders\s+1\s+100\s+\d+\s+\d+\s+partial\n", discover.Output);
        Assert.Equal(1, dryRun.ExitCode);
        Assert.Matches(@"table orders: 1 objects to read \(\d+ bytes\), 0 already synced, 0 left for a later run, 1 would be skipped\n", dryRun.Output);
        Assert.Contains("would skip: orders/b.parquet (orders): ", dryRun.Output, StringComparison.Ordinal);
    }

    private static byte[] Good(long firstRow)
    {
        using var batch = SampleBatches.AllTypes(firstRow, 100);
        return new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes();
    }

    /// <summary>A file whose footer reads fine and whose data pages are garbage: found by discovery, skipped by the read.</summary>
    private static byte[] DataOverwritten()
    {
        using var batch = SampleBatches.AllTypes(0, 2000);
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).ToBytes();
        Array.Fill(bytes, (byte)0x5A, 4, bytes.Length / 3);
        return bytes;
    }

    private void Write(string key, byte[] bytes)
    {
        var path = Path.Combine(_folder, "data", key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private string Config()
    {
        var path = Path.Combine(_folder, "config.yml");
        File.WriteAllText(path, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {Path.Combine(_folder, "data")}\n    footer_cache: false\n");
        return path;
    }
}
