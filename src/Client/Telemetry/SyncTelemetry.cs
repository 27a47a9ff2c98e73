using System.Diagnostics;

namespace CqSourceS3.Client.Telemetry;

/// <summary>
/// The spans of a sync, named as the Go SDK names its own (<c>sync</c>, <c>sync.table.&lt;name&gt;</c>, under the
/// instrumentation scope <c>io.cloudquery</c>) so that dashboards built for Go plugins find ours, plus spans in the
/// same style for what only this plugin does (objects, discovery, state). An <see cref="ActivitySource"/> with no
/// listener creates nothing, so without <c>--otel-endpoint</c> a span costs one check.
/// </summary>
public static class SyncTelemetry
{
    /// <summary>The Go SDK's instrumentation scope for spans and metrics (<c>metrics.ResourceName</c>).</summary>
    public const string ScopeName = "io.cloudquery";

    /// <summary>One per Sync; the root of a sync's trace.</summary>
    public const string SyncSpan = "sync";

    /// <summary>One per selected table, <c>sync.table.&lt;table&gt;</c> as in the Go SDK.</summary>
    public const string TableSpanPrefix = "sync.table.";

    /// <summary>One per object read, under its table's span.</summary>
    public const string ObjectSpan = "sync.object";

    /// <summary>Listing and footer reading (also for GetTables, where it has no parent).</summary>
    public const string DiscoverySpan = "sync.discover";

    /// <summary>Loading the state backend's cursors.</summary>
    public const string StateReadSpan = "sync.state.read";

    /// <summary>Writing the new cursors after everything was sent.</summary>
    public const string StateFlushSpan = "sync.state.flush";

    internal static readonly ActivitySource Source = new(ScopeName);

    /// <summary>Starts the span of one sync; null when nobody listens.</summary>
    public static Activity? StartSync(string invocationId)
    {
        var span = Start(SyncSpan);
        span?.SetTag(SyncAttributes.InvocationId, invocationId);
        return span;
    }

    /// <summary>
    /// Starts a span under the current one if that is ours, else as the root of a new trace; null when nobody
    /// listens. Under gRPC the current activity is ASP.NET Core's, never exported and never sampled: as a parent it
    /// would make the sampler drop every span of the sync, and the CLI sends no trace context to continue anyway.
    /// </summary>
    public static Activity? Start(string name)
    {
        var current = Activity.Current;
        if (current is null || current.Source == Source)
        {
            return Source.StartActivity(name);
        }

        Activity.Current = null;
        var span = Source.StartActivity(name);
        if (span is null)
        {
            Activity.Current = current;
        }

        return span;
    }

    /// <summary>
    /// Starts a span under <paramref name="parent"/> without making it the current span, for spans that outlive the
    /// code that starts them (a table's span ends when its last object is read, on another thread).
    /// </summary>
    internal static Activity? StartDetached(string name, ActivityContext parent)
    {
        var previous = Activity.Current;
        var span = Source.StartActivity(name, ActivityKind.Internal, parent);
        Activity.Current = previous;
        return span;
    }

    /// <summary>
    /// Marks <paramref name="span"/> failed with <paramref name="error"/>'s type and message, as the OpenTelemetry
    /// exception event has them but without the stack trace, which users never see from this plugin.
    /// </summary>
    public static void RecordError(Activity? span, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (span is null)
        {
            return;
        }

        span.SetStatus(ActivityStatusCode.Error, error.Message);
        span.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            ["exception.type"] = error.GetType().FullName,
            ["exception.message"] = error.Message,
        }));
    }

    /// <summary>Runs <paramref name="work"/> inside a span named <paramref name="name"/>, recording its failure.</summary>
    public static async Task<T> TraceAsync<T>(string name, Func<Activity?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var span = Start(name);
        try
        {
            return await work(span).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RecordError(span, e);
            throw;
        }
    }

    /// <inheritdoc cref="TraceAsync{T}"/>
    public static Task TraceAsync(string name, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return TraceAsync(name, async _ =>
        {
            await work().ConfigureAwait(false);
            return true;
        });
    }
}
