using System.Diagnostics;
using System.Diagnostics.Metrics;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Telemetry;

/// <summary>
/// The metrics of syncs. The four <c>sync.table.*</c> counters the Go SDK has keep its names, units and attributes
/// (<c>scheduler/metrics/metrics.go</c>: rows are its "resources"); the others are this plugin's own. Instruments
/// nobody listens to drop each measurement at once, so without <c>--otel-endpoint</c> they cost one check.
/// </summary>
internal static class SyncMetrics
{
    private static readonly Meter Meter = new(SyncTelemetry.ScopeName);

    private static readonly Counter<long> Resources = Meter.CreateCounter<long>("sync.table.resources", "/{tot}", "Number of resources synced for a table");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("sync.table.errors", "/{tot}", "Number of errors encountered while syncing a table");
    private static readonly Counter<long> TableDuration = Meter.CreateCounter<long>("sync.table.duration", "ms", "Duration of syncing a table");
    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>("sync.table.bytes", "By", "Bytes of the objects read completely for a table");
    private static readonly Counter<long> Objects = Meter.CreateCounter<long>("sync.table.objects", "{object}", "Objects read completely for a table");
    private static readonly Counter<long> Skipped = Meter.CreateCounter<long>("sync.objects.skipped", "{object}", "Objects not read, by table and class of reason");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("sync.object.retries", "{retry}", "Object reads tried again after a transient failure");
    private static readonly Histogram<double> StoreLatency = Meter.CreateHistogram<double>("store.request.duration", "ms", "Time until the store answered one list or get request");
    private static readonly Histogram<double> SyncDuration = Meter.CreateHistogram<double>("sync.duration", "ms", "Duration of one whole sync");

    public static void ObjectRead(string table, long rows, long bytes)
    {
        var tags = GoTags(table);
        Resources.Add(rows, tags);
        Bytes.Add(bytes, new KeyValuePair<string, object?>(SyncAttributes.TableName, table));
        Objects.Add(1, new KeyValuePair<string, object?>(SyncAttributes.TableName, table));
    }

    public static void ObjectSkipped(SkippedObject skip) =>
        Skipped.Add(1, new KeyValuePair<string, object?>(SyncAttributes.TableName, skip.Table), new KeyValuePair<string, object?>(SyncAttributes.SkipClass, ClassOf(skip)));

    public static void Retried(string table) => Retries.Add(1, new KeyValuePair<string, object?>(SyncAttributes.TableName, table));

    public static void TableDone(string table, long errors, TimeSpan elapsed)
    {
        var tags = GoTags(table);
        if (errors > 0)
        {
            Errors.Add(errors, tags);
        }

        TableDuration.Add((long)elapsed.TotalMilliseconds, tags);
    }

    public static void SyncDone(TimeSpan elapsed, bool succeeded) =>
        SyncDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>(SyncAttributes.SyncOutcome, succeeded ? "success" : "failure"));

    /// <summary>Records one store request that started at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void StoreRequest(string operation, long started, bool succeeded)
    {
        if (StoreLatency.Enabled)
        {
            StoreLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>(SyncAttributes.StoreOperation, operation),
                new KeyValuePair<string, object?>(SyncAttributes.StoreOutcome, succeeded ? "success" : "failure"));
        }
    }

    /// <summary>A few values, never the reason's text: each distinct attribute value is a new time series.</summary>
    public static string ClassOf(SkippedObject skip) => skip.ByPolicy ? "schema" : skip.Transient ? "transient" : "unreadable";

    /// <summary>The attributes of the Go SDK's table metrics (its <c>Selector</c>): the table and an empty client id.</summary>
    private static TagList GoTags(string table) => new()
    {
        { SyncAttributes.TableName, table },
        { SyncAttributes.ClientId, "" },
    };
}
