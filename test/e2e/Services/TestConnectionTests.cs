using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Services;

/// <summary>
/// TestConnection (what <c>cloudquery test-connection</c> calls) through CloudQuery's JS client: a failed check is a
/// successful RPC with <c>success=false</c>, a failure code and a description naming where it looked.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class TestConnectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TestConnection_ExistingFolder_Succeeds()
    {
        using var folder = new TempFolder();
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var result = await TestConnectionAsync(plugin, Specs.LocalPath(folder.Path));

        Assert.True(result.GetProperty("success").GetBoolean(), result.ToString());
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Fact]
    public async Task TestConnection_MissingFolder_FailsNotFoundNamingTheFolder()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "not-there");
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var result = await TestConnectionAsync(plugin, Specs.LocalPath(missing));

        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Equal("NOT_FOUND", result.Text("failure_code"));
        Assert.Contains(missing, result.Text("failure_description"), StringComparison.Ordinal);
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Fact]
    public async Task TestConnection_InvalidSpec_FailsInvalidSpecNamingTheFields()
    {
        var @case = SpecCases.All.Single(c => c.Name == "several problems at once");
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var result = await TestConnectionAsync(plugin, @case.SpecJson);

        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Equal("INVALID_SPEC", result.Text("failure_code"));
        Assert.All(@case.ErrorFields, field => Assert.Contains(field + ": ", result.Text("failure_description"), StringComparison.Ordinal));
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Fact]
    public async Task TestConnection_EndpointOnClosedLoopbackPort_FailsUnreachableWithoutLeakingTheSecret()
    {
        var secret = "e2e-dummy-secret-" + Guid.NewGuid().ToString("N");
        var endpoint = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var launch = new PluginLaunchOptions
        {
            Environment = new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = "AKIAE2EDUMMYKEY00001",
                ["AWS_SECRET_ACCESS_KEY"] = secret,
                ["AWS_SESSION_TOKEN"] = null,
                ["AWS_PROFILE"] = null,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            },
        };
        await using var plugin = await PluginProcess.StartAsync(launch, output, CancellationToken.None);

        var result = await TestConnectionAsync(plugin, Specs.S3Endpoint("e2e-bucket", "eu-central-1", endpoint));
        var exit = await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);

        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Equal("UNREACHABLE", result.Text("failure_code"));
        var description = result.Text("failure_description");
        Assert.Contains("e2e-bucket", description, StringComparison.Ordinal);
        Assert.Contains("eu-central-1", description, StringComparison.Ordinal);
        Assert.Contains(endpoint.Authority, description, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, description, StringComparison.Ordinal);
        Assert.DoesNotContain(exit.Stdout.Concat(exit.Stderr), line => line.Contains(secret, StringComparison.Ordinal));
    }

    private async Task<System.Text.Json.JsonElement> TestConnectionAsync(PluginProcess plugin, string spec)
    {
        var results = await NodeClient.RunAsync(plugin.Target, ["test-connection", spec], output, CancellationToken.None);
        return results.SucceededOnce("TestConnection");
    }
}
