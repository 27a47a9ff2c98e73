using System.Text;
using System.Text.Json;
using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Logging;

/// <summary>
/// With <c>--log-format json</c> the CLI parses every stdout line of the plugin as a zerolog event and drops lines
/// over 4096 bytes, so stdout must hold nothing else, whatever a session does.
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class JsonLogLineTests(ITestOutputHelper output)
{
    private const int CliLineBufferBytes = 4096;

    private static readonly string[] Levels = ["trace", "debug", "info", "warn", "error"];

    [Fact]
    public async Task Stdout_CliSessionWithFailures_IsOnlyZerologJsonLinesUnder4096Bytes()
    {
        using var folder = new TempFolder();
        var hugeUnknownKey = $"{{\"bucket\":\"b\",\"{new string('k', 6000)}\":1}}";
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions(), output, CancellationToken.None);

        await NodeClient.RunAsync(
            plugin.Target,
            [
                "handshake",
                "init", Specs.LocalPath(folder.Path),
                "init", hugeUnknownKey,
                "init", SpecCases.All.Single(c => c.Name == "several problems at once").SpecJson,
                "test-connection", Specs.LocalPath(Path.Combine(folder.Path, "missing")),
                "test-connection", hugeUnknownKey,
                "close",
            ],
            output,
            CancellationToken.None);
        var exit = await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);

        Assert.NotEmpty(exit.Stdout);
        Assert.All(exit.Stdout, AssertZerologLine);
        var levels = exit.Stdout.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("level").GetString()).ToList();
        Assert.Contains("info", levels);
        Assert.Contains("error", levels);
    }

    private static void AssertZerologLine(string line)
    {
        Assert.True(Encoding.UTF8.GetByteCount(line) + 1 < CliLineBufferBytes, $"line of {Encoding.UTF8.GetByteCount(line)} bytes: {line[..Math.Min(200, line.Length)]}…");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            Assert.Fail($"not JSON ({e.Message}): {line}");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            Assert.Equal(JsonValueKind.Object, root.ValueKind);
            Assert.Contains(root.GetProperty("level").GetString(), Levels);
            Assert.Equal(JsonValueKind.String, root.GetProperty("message").ValueKind);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("module").GetString()), $"empty module: {line}");
        }
    }
}
