using System.Text.Json;
using System.Text.Json.Nodes;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Plugin.Tests.Telemetry.Otlp;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;

namespace CqSourceS3.Plugin.Tests.Telemetry;

/// <summary>
/// <c>serve --otel-endpoint</c>: a sync of the bundled sample data over the real gRPC server, exporting to a real
/// OTLP/HTTP receiver. Nothing here waits for time to pass: stopping the server flushes every signal before it
/// returns.
/// </summary>
[Collection(TelemetryCollectionDefinition.Name)]
public sealed class ServeTelemetryTests : IDisposable
{
    private static readonly string SampleData = Path.Combine(RepoPaths.Root, "examples", "data");
    private readonly TestCacheFolder _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Sync_WithOtelEndpoint_ExportsSpansLinkedSyncTableObject()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var invocation = Guid.NewGuid().ToString();

        var rows = await SyncAsync(receiver.Endpoint, invocation);

        var spans = receiver.Spans.Select(s => s.Span).ToList();
        var sync = Assert.Single(spans, s => s.Name == "sync" && (string?)s.Attributes.Get("sync.invocation.id") == invocation);
        var trace = spans.Where(s => s.TraceId == sync.TraceId).ToList();
        Assert.True(sync.ParentSpanId.IsEmpty, "the sync span is the root of its trace");

        var discovery = Assert.Single(trace, s => s.Name == "sync.discover");
        Assert.Equal(sync.SpanId, discovery.ParentSpanId);
        Assert.Equal(4L, discovery.Attributes.Get("sync.discover.tables"));
        Assert.Equal(5L, discovery.Attributes.Get("sync.discover.objects"));

        var tables = trace.Where(s => s.Name.StartsWith("sync.table.", StringComparison.Ordinal)).ToDictionary(s => s.Name["sync.table.".Length..], StringComparer.Ordinal);
        Assert.Equal(["customers", "events", "sales_orders", "sales_returns_eu"], tables.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, table) in tables)
        {
            Assert.Equal(sync.SpanId, table.ParentSpanId);
            Assert.Equal(invocation, table.Attributes.Get("sync.invocation.id"));
            var stats = Assert.Single(table.Events, e => e.Name == "sync.finish.stats");
            Assert.Equal(rows[name], stats.Attributes.Get("sync.resources"));
            Assert.Equal(0L, stats.Attributes.Get("sync.errors"));
        }

        var objects = trace.Where(s => s.Name == "sync.object").ToList();
        Assert.Equal(Directory.GetFiles(SampleData, "*.parquet", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(SampleData, f)).Order(StringComparer.Ordinal),
            objects.Select(o => (string)o.Attributes.Get("sync.object.key")!).Order(StringComparer.Ordinal));
        foreach (var obj in objects)
        {
            var table = (string)obj.Attributes.Get("sync.table.name")!;
            Assert.Equal(tables[table].SpanId, obj.ParentSpanId);
            Assert.Equal("read", obj.Attributes.Get("sync.object.outcome"));
            Assert.Equal(new FileInfo(Path.Combine(SampleData, (string)obj.Attributes.Get("sync.object.key")!)).Length, obj.Attributes.Get("sync.object.bytes"));
            Assert.Equal(Status.Types.StatusCode.Unset, obj.Status?.Code ?? Status.Types.StatusCode.Unset);
        }

        Assert.Equal(rows.Values.Sum(), objects.Sum(o => (long)o.Attributes.Get("sync.object.rows")!));
        var resource = receiver.Spans.First(s => s.Span == sync).Resource;
        Assert.Equal("cloudquery-s3", resource.Attributes.Get("service.name"));
        Assert.Equal("cq-source-s3/source/s3", resource.Attributes.Get("cloudquery.plugin.path"));
    }

    [Fact]
    public async Task Sync_WithOtelEndpoint_ExportsMetricTotalsEqualToTheSync()
    {
        await using var receiver = await OtlpReceiver.StartAsync();

        var rows = await SyncAsync(receiver.Endpoint, Guid.NewGuid().ToString());

        var metrics = receiver.Metrics;
        Assert.Equal(rows, OtlpValues.TotalsBy(metrics, "sync.table.resources", "sync.table.name"));
        var objects = OtlpValues.TotalsBy(metrics, "sync.table.objects", "sync.table.name");
        Assert.Equal(5L, objects.Values.Sum());
        Assert.Equal(2L, objects["sales_orders"]);
        var bytes = OtlpValues.TotalsBy(metrics, "sync.table.bytes", "sync.table.name");
        Assert.Equal(Directory.GetFiles(SampleData, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), bytes.Values.Sum());
        Assert.Contains(metrics, m => m.Name == "sync.table.duration" && m.Unit == "ms");
        Assert.Equal("", metrics.First(m => m.Name == "sync.table.resources").Sum.DataPoints[0].Attributes.Get("sync.client.id"));
        var duration = metrics.Last(m => m.Name == "sync.duration").Histogram.DataPoints.Single();
        Assert.Equal(1UL, duration.Count);
        Assert.Equal("success", duration.Attributes.Get("sync.outcome"));
        Assert.DoesNotContain(metrics, m => m.Name == "sync.objects.skipped");
    }

    [Fact]
    public async Task Sync_WithOtelEndpoint_ExportsLogRecordsCarryingTheirSpans()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var invocation = Guid.NewGuid().ToString();

        await SyncAsync(receiver.Endpoint, invocation);

        var sync = receiver.Spans.Select(s => s.Span).Single(s => s.Name == "sync" && (string?)s.Attributes.Get("sync.invocation.id") == invocation);
        var objects = receiver.Spans.Select(s => s.Span).Where(s => s.TraceId == sync.TraceId && s.Name == "sync.object").ToList();
        var logs = receiver.Logs;
        foreach (var obj in objects)
        {
            // The object's "Read … rows" line, logged inside its span, with the JSON line's snake_case fields.
            var read = Assert.Single(logs, l => l.SpanId == obj.SpanId && l.Body.StringValue.StartsWith("Read ", StringComparison.Ordinal));
            Assert.Equal(sync.TraceId, read.TraceId);
            Assert.Equal(obj.Attributes.Get("sync.object.key"), read.Attributes.Get("key"));
            Assert.Equal(obj.Attributes.Get("sync.object.rows"), read.Attributes.Get("rows"));
            Assert.Equal("s3-source", read.Attributes.Get("module"));
            Assert.Null(read.Attributes.Get("Key"));
        }

        var finished = Assert.Single(logs, l => l.Body.StringValue.StartsWith("Sync finished", StringComparison.Ordinal) && l.TraceId == sync.TraceId);
        Assert.Equal(sync.SpanId, finished.SpanId);
        Assert.Contains(logs, l => l.Body.StringValue.StartsWith("Plugin initialized", StringComparison.Ordinal) && l.TraceId.IsEmpty);
    }

    [Fact]
    public async Task Sync_UnreachableOtelEndpoint_OneWarningAndTheSyncSucceeds()
    {
        var closed = LoopbackPort.Free();
        var plugin = await RunningPlugin.StartAsync("unix", otelEndpoint: $"127.0.0.1:{closed}");
        Dictionary<string, long> rows;
        await using (plugin)
        {
            await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = Spec() });
            rows = await RowsAsync(plugin);
            // A second sync: its failed exports must not warn again.
            await RowsAsync(plugin);
        }

        Assert.Equal(4300L, rows.Values.Sum());
        var warnings = plugin.Logs.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!).Where(line => (string?)line["level"] == "warn").ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains($"OpenTelemetry export to http://127.0.0.1:{closed} failed", (string?)warning["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", (string?)warning["error"] ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WithoutOtelEndpoint_SendsNothingEvenWithTheStandardVariableSet()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        // The SDK's own default would follow this variable; the plugin must not export without its flag.
        var previous = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://{receiver.Endpoint}");
        try
        {
            var rows = await SyncAsync(otelEndpoint: null, Guid.NewGuid().ToString());

            Assert.Equal(4300L, rows.Values.Sum());
            Assert.Equal(0, receiver.Requests);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", previous);
        }
    }

    /// <summary>Syncs every table of the sample data, stops the server (flushing the export) and returns rows per table.</summary>
    private async Task<Dictionary<string, long>> SyncAsync(string? otelEndpoint, string invocation)
    {
        await using var plugin = await RunningPlugin.StartAsync("unix", otelEndpoint: otelEndpoint);
        await plugin.Plugin.InitAsync(new Init.Types.Request { Spec = Spec(), InvocationId = invocation });
        return await RowsAsync(plugin);
    }

    private static async Task<Dictionary<string, long>> RowsAsync(RunningPlugin plugin)
    {
        using var sync = await DecodedSyncResponses.RunAsync(plugin.Plugin, new Sync.Types.Request { Tables = { "*" } });
        Assert.Empty(sync.Errors);
        return sync.Inserts.GroupBy(i => DecodedSyncResponses.TableOf(i.Schema), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => (long)i.Length), StringComparer.Ordinal);
    }

    private ByteString Spec() => ByteString.CopyFromUtf8(new JsonObject { ["local_path"] = SampleData, ["footer_cache_dir"] = _cache.Path }.ToJsonString());
}
