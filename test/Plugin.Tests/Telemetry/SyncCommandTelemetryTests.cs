using CqSourceS3.Plugin.Tests.Cli;

namespace CqSourceS3.Plugin.Tests.Telemetry;

/// <summary>
/// <c>sync --otel-endpoint</c>: the standalone command, run as a real process, exports the same spans as <c>serve</c>
/// plus the state file's read and flush, and counts skipped objects by class. The process flushes before it exits.
/// </summary>
[Collection(TelemetryCollectionDefinition.Name)]
public sealed class SyncCommandTelemetryTests
{
    [Fact]
    public async Task SyncCommand_WithOtelEndpointStateAndABrokenObject_ExportsStateSpansAndTheSkip()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var (folder, data, config) = PluginCommand.CopyExamples("cq-s3-otel-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(data, "events", "broken.parquet"), "not parquet");

            var (exitCode, _, errors) = await PluginCommand.RunAsync(
                "sync", config, "--state", Path.Combine(folder, "state.json"), "--log-level", "info", "--otel-endpoint", receiver.Endpoint, "--otel-endpoint-insecure");

            Assert.True(exitCode == 1, $"exit {exitCode} (1: an object was skipped): {errors}");
            var spans = receiver.Spans.Select(s => s.Span).ToList();
            var sync = Assert.Single(spans, s => s.Name == "sync");
            Assert.True(sync.ParentSpanId.IsEmpty);
            Assert.All(spans, s => Assert.Equal(sync.TraceId, s.TraceId));
            foreach (var name in new[] { "sync.state.read", "sync.discover", "sync.state.flush" })
            {
                Assert.Equal(sync.SpanId, Assert.Single(spans, s => s.Name == name).ParentSpanId);
            }

            Assert.Equal(5, spans.Count(s => s.Name == "sync.object"));
            Assert.Equal(1L, Assert.Single(spans, s => s.Name == "sync.discover").Attributes.Get("sync.discover.skipped"));
            var skipped = OtlpValues.TotalsBy(receiver.Metrics.Where(m => m.Name == "sync.objects.skipped"), "sync.objects.skipped", "sync.skip.class");
            Assert.Equal(new Dictionary<string, long> { ["unreadable"] = 1 }, skipped);
            Assert.Contains(receiver.Logs, l => l.Body.StringValue.StartsWith("Sync finished", StringComparison.Ordinal) && l.TraceId == sync.TraceId);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
