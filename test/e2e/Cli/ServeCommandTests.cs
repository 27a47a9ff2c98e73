using CqSourceS3.E2E.Tests.Harness;

namespace CqSourceS3.E2E.Tests.Cli;

/// <summary>
/// <c>cq-source-s3 serve</c> as the CLI manages it: launch within the CLI's limit, serve despite flags from a newer CLI,
/// stop on a signal.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class ServeCommandTests(ITestOutputHelper output)
{
    /// <summary>The one test of start-up time: every other test starts the plugin with only a hang guard.</summary>
    [Fact]
    public async Task Serve_LaunchedAsTheCliDoes_AcceptsConnectionsWithinTheCliLimit()
    {
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        Assert.True(
            plugin.ReadyAfter <= PluginProcess.CliReadyLimit,
            $"the plugin accepted connections after {plugin.ReadyAfter.TotalSeconds:0.0} s; the CloudQuery CLI gives up after {PluginProcess.CliReadyLimit.TotalSeconds:0} s");
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Theory]
    [InlineData(PluginSignal.Interrupt)]
    [InlineData(PluginSignal.Terminate)]
    public async Task Serve_StoppedBySignal_ExitsZeroAndRemovesTheSocket(PluginSignal signal)
    {
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);
        var socket = plugin.SocketPath!;
        Assert.True(File.Exists(socket), "the socket file exists while serving");

        var exit = await plugin.StopAsync(signal, CancellationToken.None);

        Assert.Equal(0, exit.ExitCode);
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task Serve_UnknownExtraFlags_StillServesAndLogsThemAsIgnored()
    {
        var launch = new PluginLaunchOptions { ExtraArguments = ["--future-flag", "x"] };
        await using var plugin = await PluginProcess.StartAsync(launch, output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["versions", "name"], output, CancellationToken.None);
        var exit = await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);

        Assert.Equal("s3", results.SucceededOnce("GetName").Text("name"));
        Assert.Contains(exit.Stdout, line => line.Contains("--future-flag", StringComparison.Ordinal));
    }
}
