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
