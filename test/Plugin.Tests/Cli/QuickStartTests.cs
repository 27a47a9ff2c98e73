using System.Diagnostics;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>The README's first quick-start command, run as a user would from the repository root.</summary>
public class QuickStartTests
{
    [Fact]
    public async Task SyncQuickstart_BundledExamples_PrintsEveryTableAndItsRows()
    {
        var (exitCode, output, errors) = await RunPluginAsync("sync", "examples/quickstart.yml");

        Assert.True(exitCode == 0, $"exit {exitCode}: {errors}");
        Assert.Contains("table customers: _cq_id uuid, _cq_parent_id uuid, customer_id int64", output, StringComparison.Ordinal);
        Assert.Contains("customers: customer_id=1  name=Customer 0001", output, StringComparison.Ordinal);
        Assert.Matches(@"customers\s+1\s+0\s+500\s+\d+\s+ok", output);
        Assert.Matches(@"events\s+1\s+0\s+1500\s+\d+\s+ok", output);
        Assert.Matches(@"sales_orders\s+2\s+0\s+2000\s+\d+\s+ok", output);
        Assert.Matches(@"sales_returns_eu\s+1\s+0\s+300\s+\d+\s+ok", output);
        Assert.Contains("total: 4 tables, 4300 rows, 0 objects skipped, 0 tables failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_MissingConfig_ExitsTwoNamingTheFile()
    {
        var (exitCode, _, errors) = await RunPluginAsync("sync", "examples/does-not-exist.yml");

        Assert.Equal(2, exitCode);
        Assert.Contains("does-not-exist.yml", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncWithState_SecondRunReadsNothingAndANewFileOnlyIt()
    {
        var folder = Directory.CreateTempSubdirectory("cq-s3-state-").FullName;
        try
        {
            var data = Path.Combine(folder, "data");
            CopyFolder(Path.Combine(RepoPaths.Root, "examples", "data"), data);
            var config = Path.Combine(folder, "config.yml");
            File.WriteAllText(config, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {data}\n");
            var state = Path.Combine(folder, "state.json");

            var first = await RunPluginAsync("sync", config, "--state", state);
            var second = await RunPluginAsync("sync", config, "--state", state);
            File.Copy(Path.Combine(data, "customers.parquet"), Path.Combine(data, "sales", "orders", "part-0002.parquet"));
            var third = await RunPluginAsync("sync", config, "--state", state);

            Assert.Contains("total: 4 tables, 4300 rows", first.Output, StringComparison.Ordinal);
            Assert.Contains("total: 4 tables, 0 rows", second.Output, StringComparison.Ordinal);
            Assert.Contains("cq-source-s3/v1/", File.ReadAllText(state), StringComparison.Ordinal);

            // The copied file has another schema: the table fails, and nothing else is read.
            Assert.Contains("total: 4 tables, 0 rows", third.Output, StringComparison.Ordinal);
            Assert.Contains("sales/orders/part-0002.parquet", third.Output, StringComparison.Ordinal);
            File.Delete(Path.Combine(data, "sales", "orders", "part-0002.parquet"));
            File.Copy(Path.Combine(data, "sales", "orders", "part-0000.parquet"), Path.Combine(data, "sales", "orders", "part-0003.parquet"));
            var fourth = await RunPluginAsync("sync", config, "--state", state);
            Assert.Contains("total: 4 tables, 1000 rows", fourth.Output, StringComparison.Ordinal);
            Assert.Matches(@"sales_orders\s+1\s+0\s+1000", fourth.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Runs the plugin built next to this test assembly with the repository root as working directory.</summary>
    private static async Task<(int ExitCode, string Output, string Errors)> RunPluginAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cq-source-s3.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
