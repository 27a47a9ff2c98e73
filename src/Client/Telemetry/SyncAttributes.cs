namespace CqSourceS3.Client.Telemetry;

/// <summary>
/// Attribute keys of spans and metrics. The first three are the Go SDK's (<c>scheduler/queue/worker.go</c>,
/// <c>scheduler/metrics</c>); the others follow their <c>sync.</c> style. The README lists each with its meaning.
/// </summary>
public static class SyncAttributes
{
    /// <summary>Init's invocation id, on the sync and table spans (Go SDK).</summary>
    public const string InvocationId = "sync.invocation.id";

    /// <summary>The table, on table metrics (Go SDK) and on object spans.</summary>
    public const string TableName = "sync.table.name";

    /// <summary>Always empty: the Go SDK's per-client id, kept so its dashboards' queries match.</summary>
    public const string ClientId = "sync.client.id";

    /// <summary>Rows sent, on the Go SDK's <c>sync.finish.stats</c> event of a table span.</summary>
    public const string Resources = "sync.resources";

    /// <summary>Objects that could not be read and table errors, on <c>sync.finish.stats</c>.</summary>
    public const string Errors = "sync.errors";

    /// <summary>Always 0 (a .NET exception is an error here), on <c>sync.finish.stats</c> as in the Go SDK.</summary>
    public const string Panics = "sync.panics";

    /// <summary>The Go SDK's event at the end of a table span.</summary>
    public const string FinishStatsEvent = "sync.finish.stats";

    /// <summary>Objects a table reads in this sync (after its cursor).</summary>
    public const string TableObjects = "sync.table.objects";

    /// <summary>Bytes of the objects a table read completely.</summary>
    public const string TableBytes = "sync.table.bytes";

    /// <summary>The object's key.</summary>
    public const string ObjectKey = "sync.object.key";

    /// <summary>The object's size in bytes.</summary>
    public const string ObjectBytes = "sync.object.bytes";

    /// <summary>Rows sent from the object.</summary>
    public const string ObjectRows = "sync.object.rows";

    /// <summary>How many times the object's read was tried again.</summary>
    public const string ObjectRetries = "sync.object.retries";

    /// <summary><c>read</c>, <c>skipped</c> or <c>failed</c>.</summary>
    public const string ObjectOutcome = "sync.object.outcome";

    /// <summary>Why a skipped or failed object was not read, in words.</summary>
    public const string SkipReason = "sync.object.skip_reason";

    /// <summary>On the skipped-objects metric: <c>transient</c>, <c>unreadable</c> or <c>schema</c>.</summary>
    public const string SkipClass = "sync.skip.class";

    /// <summary>Tables, objects, skipped and ignored objects a discovery found.</summary>
    public const string DiscoveredTables = "sync.discover.tables";

    /// <inheritdoc cref="DiscoveredTables"/>
    public const string DiscoveredObjects = "sync.discover.objects";

    /// <inheritdoc cref="DiscoveredTables"/>
    public const string DiscoverySkipped = "sync.discover.skipped";

    /// <inheritdoc cref="DiscoveredTables"/>
    public const string DiscoveryIgnored = "sync.discover.ignored";

    /// <summary>On <c>sync.duration</c>: <c>success</c> or <c>failure</c>.</summary>
    public const string SyncOutcome = "sync.outcome";

    /// <summary>On <c>store.request.duration</c>: <c>list</c> or <c>get</c>.</summary>
    public const string StoreOperation = "store.operation";

    /// <summary>On <c>store.request.duration</c>: <c>success</c> or <c>failure</c>.</summary>
    public const string StoreOutcome = "store.outcome";
}
