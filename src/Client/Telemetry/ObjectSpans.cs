using System.Diagnostics;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Sync;

namespace CqSourceS3.Client.Telemetry;

/// <summary>The <c>sync.object</c> span of one object read: its key and size, then what became of it.</summary>
internal static class ObjectSpans
{
    public const string ReadOutcome = "read";
    public const string SkippedOutcome = "skipped";
    public const string FailedOutcome = "failed";

    /// <summary>Starts the span under its table's and makes it the current span.</summary>
    public static Activity? Start(ObjectWork item, ActivityContext table)
    {
        var span = table == default ? SyncTelemetry.Start(SyncTelemetry.ObjectSpan) : SyncTelemetry.Source.StartActivity(SyncTelemetry.ObjectSpan, ActivityKind.Internal, table);
        if (span is not null)
        {
            span.SetTag(SyncAttributes.TableName, item.Table.TableName);
            span.SetTag(SyncAttributes.ObjectKey, item.File.StoredObject.Key);
            span.SetTag(SyncAttributes.ObjectBytes, item.File.StoredObject.Size);
        }

        return span;
    }

    public static void Read(Activity? span, long rows, int retries)
    {
        span?.SetTag(SyncAttributes.ObjectRows, rows);
        span?.SetTag(SyncAttributes.ObjectRetries, retries);
        span?.SetTag(SyncAttributes.ObjectOutcome, ReadOutcome);
    }

    /// <summary>
    /// An object that could not be read: <c>skipped</c> under <c>error_policy: skip</c> (the sync goes on without
    /// it), <c>failed</c> under <c>error_policy: fail</c> (it stops its table). Either way the span is an error with
    /// the reason as its status and <paramref name="error"/> (what the last attempt threw) recorded on it, as on
    /// every other failed span: a trace backend lists a span's errors by its <c>exception</c> events.
    /// </summary>
    public static void Skipped(Activity? span, SkippedObject skip, Exception error, long rowsSent, int retries, bool stopsTable)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(SyncAttributes.ObjectRows, rowsSent);
        span.SetTag(SyncAttributes.ObjectRetries, retries);
        span.SetTag(SyncAttributes.ObjectOutcome, stopsTable ? FailedOutcome : SkippedOutcome);
        span.SetTag(SyncAttributes.SkipReason, skip.Reason);
        SyncTelemetry.RecordError(span, error);
        span.SetStatus(ActivityStatusCode.Error, skip.Reason);
    }

    /// <summary>An object not read because its table stopped: <c>skipped</c>, with why.</summary>
    public static void NotRead(Activity? span, string reason)
    {
        span?.SetTag(SyncAttributes.ObjectOutcome, SkippedOutcome);
        span?.SetTag(SyncAttributes.SkipReason, reason);
    }
}
