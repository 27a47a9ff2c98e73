using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Tests.Shared;
using ParquetSharp.Arrow;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary><c>sync --output DIR</c> writes what the destination would receive; <c>sync --dry-run</c> reads nothing and changes no state.</summary>
public sealed class SyncCommandTests
{
    [Fact]
    public async Task SyncOutput_BundledExamples_WritesOneParquetFilePerTableWithEveryRowAndValue()
    {
        var folder = Directory.CreateTempSubdirectory("cq-s3-output-").FullName;
        try
        {
            var (exitCode, output, errors) = await PluginCommand.RunAsync("sync", "examples/quickstart.yml", "--output", folder);

            Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
            Assert.Equal(["customers.parquet", "events.parquet", "sales_orders.parquet", "sales_returns_eu.parquet"],
                Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Contains($"wrote customers: {Path.Combine(folder, "customers.parquet")}", output, StringComparison.Ordinal);

            var written = await ReadAsync(Path.Combine(folder, "sales_orders.parquet"));
            Assert.Equal(2000, written.Sum(b => b.Length));
            Assert.Equal("_cq_id", written[0].Schema.FieldsList[0].Name);
            Assert.Equal(16, Assert.IsType<FixedSizeBinaryType>(written[0].Schema.FieldsList[0].DataType).ByteWidth);

            // Apart from the two id columns, the rows are the source files' rows.
            var source = (await ReadAsync(Path.Combine(RepoPaths.Root, "examples", "data", "sales", "orders", "part-0000.parquet")))
                .Concat(await ReadAsync(Path.Combine(RepoPaths.Root, "examples", "data", "sales", "orders", "part-0001.parquet")));
            Assert.Equal(
                source.SelectMany(ArrowValueFormatter.Rows).Order(StringComparer.Ordinal),
                written.Select(WithoutIdColumns).SelectMany(ArrowValueFormatter.Rows).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SyncDryRun_WithState_ListsOnlyWhatIsNewAndChangesNoState()
    {
        var (folder, data, config) = PluginCommand.CopyExamples("cq-s3-dryrun-");
        try
        {
            var state = Path.Combine(folder, "state.json");
            var fresh = await PluginCommand.RunAsync("sync", config, "--state", state, "--dry-run");
            Assert.False(File.Exists(state) && File.ReadAllText(state).Contains("cq-source-s3/v1/", StringComparison.Ordinal), "a dry run wrote cursors");
            await PluginCommand.RunAsync("sync", config, "--state", state);
            var stateAfterSync = File.ReadAllText(state);
            File.Copy(Path.Combine(data, "sales", "orders", "part-0000.parquet"), Path.Combine(data, "sales", "orders", "part-0009.parquet"));

            var (exitCode, output, errors) = await PluginCommand.RunAsync("sync", config, "--state", state, "--dry-run");

            Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
            Assert.Contains("dry run: 4 tables, 5 objects", fresh.Output, StringComparison.Ordinal);
            Assert.Contains("table sales_orders: 1 objects to read", output, StringComparison.Ordinal);
            Assert.Contains("  sales/orders/part-0009.parquet", output, StringComparison.Ordinal);
            Assert.DoesNotContain("part-0000.parquet", output, StringComparison.Ordinal);
            Assert.Contains("table customers: 0 objects to read (0 bytes), 1 already synced", output, StringComparison.Ordinal);
            Assert.Contains("dry run: 4 tables, 1 objects", output, StringComparison.Ordinal);
            Assert.DoesNotContain("rows", output, StringComparison.Ordinal);
            Assert.Equal(stateAfterSync, File.ReadAllText(state));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static RecordBatch WithoutIdColumns(RecordBatch batch) =>
        new(new Schema(batch.Schema.FieldsList.Skip(2), null), batch.Arrays.Skip(2), batch.Length);

    private static async Task<List<RecordBatch>> ReadAsync(string path)
    {
        using var reader = new FileReader(path);
        using var batches = reader.GetRecordBatchReader();
        var all = new List<RecordBatch>();
        while (await batches.ReadNextRecordBatchAsync() is { } batch)
        {
            all.Add(batch);
        }

        return all;
    }
}
