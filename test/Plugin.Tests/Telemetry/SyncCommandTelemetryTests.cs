using CqSourceS3.Plugin.Tests.Cli;
using CqSourceS3.Plugin.Tests.Telemetry.Otlp;

namespace CqSourceS3.Plugin.Tests.Telemetry;

/// <summary>
/// <c>sync --otel-endpoint</c>: the standalone command, run as a real process, exports the same spans as <c>serve</c>
/// plus the state file's read and flush, counts skipped objects by class, and fails its <c>sync</c> span when the run
/// fails. The process flushes before it exits.
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

    [Fact]
    public async Task SyncCommand_WithOtelEndpointAndAnUnreadableStateFile_SyncSpanFailsWithWhatTheCommandPrints()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var (folder, _, config) = PluginCommand.CopyExamples("cq-s3-otel-");
        try
        {
            var state = Path.Combine(folder, "state.json");
            await File.WriteAllTextAsync(state, "not json");

            var (exitCode, _, errors) = await PluginCommand.RunAsync(
                "sync", config, "--state", state, "--otel-endpoint", receiver.Endpoint, "--otel-endpoint-insecure");

            Assert.True(exitCode == 1, $"exit {exitCode} (1: the run failed): {errors}");
            var spans = receiver.Spans.Select(s => s.Span).ToList();
            var sync = Assert.Single(spans, s => s.Name == "sync");
            Assert.Equal(Status.Types.StatusCode.Error, sync.Status.Code);
            Assert.StartsWith($"state file \"{state}\" is not a JSON object", sync.Status.Message, StringComparison.Ordinal);
            Assert.Contains($"sync failed: {sync.Status.Message}", errors, StringComparison.Ordinal);
            var exception = Assert.Single(sync.Events, e => e.Name == "exception");
            Assert.Equal(sync.Status.Message, exception.Attributes.Get("exception.message"));
            // The state read failed inside the sync: its own span is failed too, and nothing was discovered.
            var read = Assert.Single(spans, s => s.Name == "sync.state.read");
            Assert.Equal((sync.SpanId, Status.Types.StatusCode.Error), (read.ParentSpanId, read.Status.Code));
            Assert.DoesNotContain(spans, s => s.Name == "sync.discover");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
