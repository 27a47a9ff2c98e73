using System.Text.Json;
using CqSourceS3.E2E.Tests.Harness;

namespace CqSourceS3.E2E.Tests.Services;

/// <summary>
/// The calls the CloudQuery CLI makes right after launching a plugin (GetVersions → GetName → GetVersion →
/// GetSpecSchema), made by CloudQuery's own JS client against the built binary, over a unix socket and over TCP.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class HandshakeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PluginNetwork.Unix)]
    [InlineData(PluginNetwork.Tcp)]
    public async Task Handshake_LaunchedAsTheCliDoes_AnswersProtocol3NameVersionAndSchema(PluginNetwork network)
    {
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions { Network = network }, output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["handshake"], output, CancellationToken.None);

        Assert.Equal(["GetVersions", "GetName", "GetVersion", "GetSpecSchema"], results.Select(r => r.Text("rpc")));
        Assert.Equal([3], results.SucceededOnce("GetVersions").GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("s3", results.SucceededOnce("GetName").Text("name"));
        Assert.StartsWith("v", results.SucceededOnce("GetVersion").Text("version"), StringComparison.Ordinal);
        using var schema = JsonDocument.Parse(results.SucceededOnce("GetSpecSchema").Text("json_schema"));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal(JsonValueKind.False, schema.RootElement.GetProperty("additionalProperties").ValueKind);
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Fact]
    public async Task GetVersion_ComparedWithVersionFlag_IsTheSameString()
    {
        var (exitCode, flagOutput, _) = await PluginBinary.RunAsync(["--version"], CancellationToken.None);
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["version"], output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal(flagOutput.Trim(), results.SucceededOnce("GetVersion").Text("version"));
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    [Fact]
    public async Task Close_AfterInit_Succeeds()
    {
        using var folder = new TempFolder();
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["init", Specs.LocalPath(folder.Path), "close"], output, CancellationToken.None);

        results.SucceededOnce("Init");
        results.SucceededOnce("Close");
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }
}
