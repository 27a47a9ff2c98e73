using System.Diagnostics.Tracing;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Telemetry;

/// <summary>
/// Says once, as a <c>warn</c> line, that telemetry could not be exported, then nothing more: an unreachable collector
/// must never fail a sync nor flood its log. The OpenTelemetry exporter reports its failures only through its
/// <see cref="EventSource"/> (it never throws into the exporting code), so this listens there.
/// </summary>
internal sealed partial class ExportFailureWarning(TelemetryEndpoint endpoint) : EventListener
{
    /// <summary>The OTLP exporter's event source.</summary>
    internal const string ExporterEventSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    private ILogger? _logger;
    private int _warned;

    /// <summary>Where the warning goes; set once logging is up (before anything is exported).</summary>
    public void UseLogger(ILogger logger) => _logger = logger;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == ExporterEventSource)
        {
            // Errors only: its warnings are about its own setup (e.g. no IHttpClientFactory), not failed exports.
            EnableEvents(eventSource, EventLevel.Error);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.EventSource.Name != ExporterEventSource || eventData.Level > EventLevel.Error
            || _logger is not { } logger || Interlocked.Exchange(ref _warned, 1) != 0)
        {
            return;
        }

        LogExportFailed(logger, endpoint.ToString(), FirstLine(eventData));
    }

    /// <summary>
    /// The first line of the exception the event carries (its type and message, never its stack trace), else of its
    /// first text (e.g. "FailedToReachCollector" carries the URL, then the exception).
    /// </summary>
    private static string FirstLine(EventWrittenEventArgs eventData)
    {
        var texts = eventData.Payload?.OfType<string>().Where(p => p.Length > 0).ToList() ?? [];
        var text = texts.FirstOrDefault(t => t.Contains("Exception", StringComparison.Ordinal)) ?? texts.FirstOrDefault() ?? eventData.EventName ?? "unknown error";
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : string.Concat(line.AsSpan(0, 300), "…");
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "OpenTelemetry export to {Endpoint} failed: {Error}; the sync goes on, and further export failures are not logged")]
    private static partial void LogExportFailed(ILogger logger, string endpoint, string error);
}
