using System.Diagnostics;
using CqSourceS3.Client.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CqSourceS3.Plugin.Telemetry;

/// <summary>
/// OTLP/HTTP export of the Client's spans, metrics and log records, as the Go SDK's <c>serve/opentelemetry.go</c>
/// sets it up: the same resource, metrics read every 15 s, everything flushed after each sync. Without
/// <c>--otel-endpoint</c> it is <see cref="None"/>: no provider, no listener, no connection.
/// </summary>
internal sealed class TelemetryExport : IDisposable
{
    /// <summary>The most that flushing at shutdown, and each export request, may take.</summary>
    internal static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The Go SDK's metric reader interval.</summary>
    private const int MetricIntervalMilliseconds = 15_000;

    private readonly TelemetryEndpoint? _endpoint;
    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;
    private readonly ExportFailureWarning? _failures;
    private LoggerProvider? _logs;

    private TelemetryExport(TelemetryEndpoint? endpoint)
    {
        _endpoint = endpoint;
        if (endpoint is null)
        {
            return;
        }

        _failures = new ExportFailureWarning(endpoint);
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(Resource())
            .AddSource(SyncTelemetry.ScopeName)
            .AddOtlpExporter(o => Configure(o, endpoint.For("v1/traces")))
            .Build();
        _meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(Resource())
            .AddMeter(SyncTelemetry.ScopeName)
            .AddOtlpExporter((o, reader) =>
            {
                Configure(o, endpoint.For("v1/metrics"));
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = MetricIntervalMilliseconds;
            })
            .Build();
    }

    /// <summary>Exports nothing.</summary>
    public static TelemetryExport None { get; } = new(null);

    /// <summary>True when <c>--otel-endpoint</c> was given (and usable).</summary>
    public bool Enabled => _endpoint is not null;

    /// <summary>
    /// The export for the command line's flags: <see cref="None"/> without an endpoint, and also (with a warning on
    /// stderr) for a value that is not a host:port, because telemetry must never stop a sync from running.
    /// </summary>
    public static TelemetryExport Create(string? endpoint, bool insecure, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return None;
        }

        var parsed = TelemetryEndpoint.Parse(endpoint, insecure);
        if (parsed is null)
        {
            errors.WriteLine($"cq-source-s3: --otel-endpoint \"{endpoint}\" is not a host:port; nothing is exported");
            return None;
        }

        return new TelemetryExport(parsed);
    }

    /// <summary>Sends every log record also to the collector, with the trace and span of the code that logged it.</summary>
    public void AddLogging(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (_endpoint is not { } endpoint)
        {
            return;
        }

        logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(Resource());
            o.IncludeFormattedMessage = true;
            o.AddProcessor(new LogRecordShaper());
            o.AddOtlpExporter(e => Configure(e, endpoint.For("v1/logs")));
        });
    }

    /// <summary>
    /// Where the one export-failure warning goes, and the log provider <see cref="AddLogging"/> created (from the
    /// logging's services), to flush it with the rest.
    /// </summary>
    public void UseLogging(ILogger logger, LoggerProvider? logs)
    {
        _failures?.UseLogger(logger);
        _logs = logs;
    }

    /// <summary>Sends what is buffered now, as the Go SDK does after each Sync, within <see cref="FlushTimeout"/>.</summary>
    public void Flush() => EachWithin(
        (tracer, ms) => tracer.ForceFlush(ms), (meter, ms) => meter.ForceFlush(ms), (logs, ms) => logs.ForceFlush(ms));

    /// <summary>Flushes and stops the exporters, all within <see cref="FlushTimeout"/>.</summary>
    public void Dispose()
    {
        EachWithin((tracer, ms) => tracer.Shutdown(ms), (meter, ms) => meter.Shutdown(ms), (logs, ms) => logs.Shutdown(ms));
        _tracer?.Dispose();
        _meter?.Dispose();
        _failures?.Dispose();
    }

    /// <summary>One step on each provider in turn, each given what is left of <see cref="FlushTimeout"/>.</summary>
    private void EachWithin(Func<TracerProvider, int, bool> tracer, Func<MeterProvider, int, bool> meter, Func<LoggerProvider, int, bool> logs)
    {
        var elapsed = Stopwatch.StartNew();
        int Remaining() => (int)Math.Max(0, (FlushTimeout - elapsed.Elapsed).TotalMilliseconds);
        if (_tracer is not null)
        {
            tracer(_tracer, Remaining());
        }

        if (_meter is not null)
        {
            meter(_meter, Remaining());
        }

        if (_logs is not null)
        {
            logs(_logs, Remaining());
        }
    }

    /// <summary>The Go SDK's resource: <c>service.name</c> cloudquery-&lt;name&gt;, its version and plugin path.</summary>
    private static ResourceBuilder Resource() => ResourceBuilder.CreateDefault()
        .AddService("cloudquery-" + PluginInfo.Name, serviceVersion: PluginInfo.Version, autoGenerateServiceInstanceId: false)
        .AddAttributes([new("cloudquery.plugin.path", $"{PluginInfo.Team}/{PluginInfo.Kind}/{PluginInfo.Name}")]);

    private static void Configure(OtlpExporterOptions options, Uri endpoint)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = endpoint;
        options.TimeoutMilliseconds = (int)FlushTimeout.TotalMilliseconds;
    }
}
