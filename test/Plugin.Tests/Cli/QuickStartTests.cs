namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>The README's first quick-start command, run as a user would from the repository root.</summary>
public class QuickStartTests
{
    [Fact]
    public async Task SyncQuickstart_BundledExamples_PrintsEveryTableAndItsRows()
    {
        var (exitCode, output, errors) = await PluginCommand.RunAsync("sync", "examples/quickstart.yml");

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains("table customers: _cq_id uuid, _cq_parent_id uuid, customer_id int64", output, StringComparison.Ordinal);
        Assert.Contains("customers: customer_id=1  name=Customer 0001", output, StringComparison.Ordinal);
        Assert.Matches(@"customers\s+1\s+0\s+500\s+\d+\s+\d+\.\d\d\s+ok", output);
        Assert.Matches(@"events\s+1\s+0\s+1500\s+\d+\s+\d+\.\d\d\s+ok", output);
        Assert.Matches(@"sales_orders\s+2\s+0\s+2000\s+\d+\s+\d+\.\d\d\s+ok", output);
        Assert.Matches(@"sales_returns_eu\s+1\s+0\s+300\s+\d+\s+\d+\.\d\d\s+ok", output);
        Assert.Contains("total: 4 tables, 4300 rows, 0 objects skipped, 0 tables failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_MissingConfig_ExitsTwoNamingTheFile()
    {
        var (exitCode, _, errors) = await PluginCommand.RunAsync("sync", "examples/does-not-exist.yml");

        Assert.Equal(2, exitCode);
        Assert.Contains("does-not-exist.yml", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncWithState_SecondRunReadsNothingAndANewFileOnlyIt()
    {
        var (folder, data, config) = PluginCommand.CopyExamples("cq-s3-state-");
        try
        {
            var state = Path.Combine(folder, "state.json");

            var first = await PluginCommand.RunAsync("sync", config, "--state", state);
            var second = await PluginCommand.RunAsync("sync", config, "--state", state);
            File.Copy(Path.Combine(data, "customers.parquet"), Path.Combine(data, "sales", "orders", "part-0002.parquet"));
            var third = await PluginCommand.RunAsync("sync", config, "--state", state);

            Assert.Contains("total: 4 tables, 4300 rows", first.Output, StringComparison.Ordinal);
            Assert.Contains("total: 4 tables, 0 rows", second.Output, StringComparison.Ordinal);
            Assert.Contains("cq-source-s3/v1/", File.ReadAllText(state), StringComparison.Ordinal);

            // The copied file has other columns: under schema_policy union_by_name (the default) the table gains them,
            // and only the new file is read.
            Assert.Contains("total: 4 tables, 500 rows", third.Output, StringComparison.Ordinal);
            Assert.Matches(@"sales_orders\s+1\s+0\s+500", third.Output);
            Assert.Matches(@"table sales_orders: [^\n]*is_active", third.Output);
            File.Delete(Path.Combine(data, "sales", "orders", "part-0002.parquet"));
            File.Copy(Path.Combine(data, "sales", "orders", "part-0000.parquet"), Path.Combine(data, "sales", "orders", "part-0003.parquet"));
            var fourth = await PluginCommand.RunAsync("sync", config, "--state", state);
            Assert.Contains("total: 4 tables, 1000 rows", fourth.Output, StringComparison.Ordinal);
            Assert.Matches(@"sales_orders\s+1\s+0\s+1000", fourth.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
