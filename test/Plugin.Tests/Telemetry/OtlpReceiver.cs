using System.Collections.Concurrent;
using CqSourceS3.Plugin.Tests.Telemetry.Otlp;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Tests.Telemetry;

/// <summary>
/// A real OTLP/HTTP collector for the tests: Kestrel on a loopback port of its own, decoding the protobuf bodies
/// POSTed to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> with our proto files, keeping every item.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ExportTraceServiceRequest> _traces = new();
    private readonly ConcurrentQueue<ExportMetricsServiceRequest> _metrics = new();
    private readonly ConcurrentQueue<ExportLogsServiceRequest> _logs = new();
    private int _requests;

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>host:port, as <c>--otel-endpoint</c> takes it.</summary>
    public string Endpoint => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Authority;

    /// <summary>Every HTTP request received, whatever its path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every span received, with its resource.</summary>
    public IReadOnlyList<(Resource Resource, Span Span)> Spans =>
        [.. _traces.SelectMany(r => r.ResourceSpans).SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans).Select(s => (rs.Resource, s)))];

    /// <summary>Every metric of every export, in the order received (a cumulative sum's last one holds its total).</summary>
    public IReadOnlyList<Metric> Metrics =>
        [.. _metrics.SelectMany(r => r.ResourceMetrics).SelectMany(rm => rm.ScopeMetrics).SelectMany(sm => sm.Metrics)];

    /// <summary>Every log record received.</summary>
    public IReadOnlyList<LogRecord> Logs =>
        [.. _logs.SelectMany(r => r.ResourceLogs).SelectMany(rl => rl.ScopeLogs).SelectMany(sl => sl.LogRecords)];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref receiver._requests);
            await next(context);
        });
        app.MapPost("/v1/traces", context => ReceiveAsync(context, ExportTraceServiceRequest.Parser, receiver._traces));
        app.MapPost("/v1/metrics", context => ReceiveAsync(context, ExportMetricsServiceRequest.Parser, receiver._metrics));
        app.MapPost("/v1/logs", context => ReceiveAsync(context, ExportLogsServiceRequest.Parser, receiver._logs));
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task ReceiveAsync<T>(HttpContext context, MessageParser<T> parser, ConcurrentQueue<T> into)
        where T : IMessage<T>
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        into.Enqueue(parser.ParseFrom(body.ToArray()));
        // An empty Export*ServiceResponse: a full success.
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
