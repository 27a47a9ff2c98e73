using System.Diagnostics;
using CqSourceS3.Client.Telemetry;
using CqSourceS3.Plugin.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace CqSourceS3.Plugin.Telemetry;

/// <summary>
/// Makes each exported log record carry what its JSON log line carries: snake_case fields (<c>table</c>, not
/// <c>Table</c>), <c>module</c>, and an exception as its message in <c>error</c> (the exporter would otherwise send
/// the exception's stack trace, which this plugin shows nobody); and a trace id only where a span of ours is current.
/// </summary>
internal sealed class LogRecordShaper : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fields = new List<KeyValuePair<string, object?>>((data.Attributes?.Count ?? 0) + 2);
        foreach (var (key, value) in data.Attributes ?? [])
        {
            if (key == "{OriginalFormat}")
            {
                continue;
            }

            var name = key is "level" or "module" or "message" ? "field_" + key : LogLineWriter.ToSnakeCase(key);
            fields.Add(value switch
            {
                TimeSpan span => new(name + "_ms", Math.Round(span.TotalMilliseconds, 3)),
                DateTimeOffset time => new(name, time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                _ => new(name, value),
            });
        }

        fields.Add(new("module", PluginInfo.LogModule));
        if (data.Exception is { } exception)
        {
            fields.Add(new("error", exception.Message));
            data.Exception = null;
        }

        data.Attributes = fields;

        // Outside a sync the current activity is ASP.NET Core's request, which is never exported: a trace id
        // pointing at it would lead nowhere.
        if (Activity.Current?.Source.Name != SyncTelemetry.ScopeName)
        {
            data.TraceId = default;
            data.SpanId = default;
            data.TraceFlags = default;
        }
    }
}
