using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client;

/// <summary>
/// The one entry to the client, read top-down: a validated spec makes a client (<see cref="CreateAsync"/>); a client
/// checks its connection, discovers tables, plans a sync (the dry run) or starts one (<see cref="StartSync"/>,
/// whose <see cref="SyncRun.ExecuteAsync"/> sends every message and then commits the cursors). The gRPC service and
/// the standalone commands both go through here. Created by Init, replaced by the next Init, disposed with the plugin.
/// </summary>
public sealed class SourceClient : IAsyncDisposable
{
    private readonly SyncEngine _engine;
    private readonly ILoggerFactory _loggers;

    private SourceClient(SourceSpec spec, IObjectStore store, ILoggerFactory loggers, SyncSettings settings)
    {
        Spec = spec;
        Store = store;
        _loggers = loggers;
        _engine = new SyncEngine(store, spec, settings, loggers.CreateLogger<SyncEngine>());
    }

    /// <summary>The validated spec.</summary>
    public SourceSpec Spec { get; }

    /// <summary>Where objects are listed and read.</summary>
    public IObjectStore Store { get; }

    /// <summary>How this client's syncs run.</summary>
    internal SyncSettings Settings => _engine.Settings;

    /// <summary>How many objects this client's syncs read at once.</summary>
    internal int Concurrency => _engine.Concurrency;

    /// <summary>
    /// Builds a client for <paramref name="spec"/> over the store the spec names: resolves credentials but sends no
    /// request. Its footer cache is the spec's (<see cref="FooterCache.For"/>).
    /// </summary>
    public static async Task<SourceClient> CreateAsync(SourceSpec spec, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(loggers);
        var store = await ObjectStoreFactory.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        return Create(spec, store, loggers, new SyncSettings { Footers = FooterCache.For(spec, store.Location, loggers.CreateLogger<FooterCache>()) });
    }

    /// <summary>
    /// Builds a client over a given store (a test's fake, a store with its own credentials). By default without a
    /// footer cache: every discovery reads every footer, which tests with fakes want, since a fake may replace an
    /// object's bytes without the size, LastModified or ETag changing, which real stores never do.
    /// </summary>
    internal static SourceClient Create(SourceSpec spec, IObjectStore store, ILoggerFactory loggers, SyncSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(loggers);
        return new(spec, store, loggers, settings ?? SyncSettings.Default);
    }

    /// <summary>
    /// Checks the bucket or folder exists and can be listed where a sync lists: under <c>path_prefix</c>, or under the
    /// longer prefix all <c>include</c> globs share (a policy may allow listing only there).
    /// </summary>
    /// <exception cref="StoreException">It cannot; <see cref="StoreException.Failure"/> says why.</exception>
    public Task CheckConnectionAsync(CancellationToken cancellationToken) =>
        Store.CheckAccessAsync(DiscoveryRules.For(Spec).Selection.ListingPrefix(Spec.PathPrefix), cancellationToken);

    /// <summary>Where the spec points, for messages: bucket, region and endpoint, or the folder. Never a secret.</summary>
    public string DescribeLocation() => DescribeLocation(Spec);

    /// <inheritdoc cref="DescribeLocation()"/>
    public static string DescribeLocation(SourceSpec spec) => spec.IsLocal
        ? $"local_path \"{spec.LocalPath}\""
        : $"bucket \"{spec.Bucket}\" (region {spec.Region ?? "from the AWS environment"}, endpoint {(spec.Endpoint is null ? "AWS S3" : S3Target.Display(spec.Endpoint))})";

    /// <summary>Lists and checks every table (footers only), without selecting any.</summary>
    public Task<DiscoveryResult> DiscoverAsync(CancellationToken cancellationToken) =>
        new TableDiscovery(Store, Settings.ReadOptions, Concurrency, _loggers.CreateLogger<TableDiscovery>(), Settings.Footers, DiscoveryRules.For(Spec))
            .DiscoverAsync(Spec.PathPrefix, cancellationToken);

    /// <summary>
    /// What one shard of <paramref name="request"/> would read: the tables it selects (under <c>shard_by: table</c>
    /// only the shard's own), each holding only the shard's objects, and the shard's share of them all.
    /// </summary>
    /// <exception cref="TableFilterException">When a pattern of the request matches no table.</exception>
    public async Task<(DiscoveryResult Discovery, ShardShare Share)> DiscoverShardAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shard is null)
        {
            throw new ArgumentException("the request has no shard", nameof(request));
        }

        var sharded = ShardedDiscovery.Of(await DiscoverAsync(cancellationToken).ConfigureAwait(false), request, Spec.ShardBy);
        var owned = sharded.OwnedTables.ToList();
        var names = owned.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var skipped = sharded.Discovery.Skipped.Where(s => names.Contains(s.Table)).ToList();
        return (sharded.Discovery with { Tables = owned, Skipped = skipped }, sharded.Share!);
    }

    /// <summary>The tables a GetTables call selects, with their CloudQuery schemas; failed tables are logged and left out.</summary>
    public async Task<IReadOnlyList<(string Name, Apache.Arrow.Schema Schema)>> GetTablesAsync(IReadOnlyList<string> include, IReadOnlyList<string> skip, CancellationToken cancellationToken)
    {
        var discovery = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var selected = TableFilter.Select(discovery, include, skip).ToHashSet(StringComparer.Ordinal);
        return [.. discovery.Tables.Where(t => selected.Contains(t.Name) && t.Table is not null).Select(t => (t.Name, t.Table!.Schema))];
    }

    /// <summary>What a sync of <paramref name="request"/> would read, without reading a row or changing any state.</summary>
    /// <param name="request">The table selection.</param>
    /// <param name="state">Where the incremental cursors live; null plans a full sync.</param>
    /// <param name="cancellationToken">Stops the planning.</param>
    public Task<SyncPlan> PlanAsync(SyncRequest request, IStateStore? state, CancellationToken cancellationToken) =>
        _engine.PlanAsync(request, state, cancellationToken);

    /// <summary>A new sync of <paramref name="request"/>; run it with <see cref="SyncRun.ExecuteAsync"/>.</summary>
    /// <param name="request">The table selection and id mode.</param>
    /// <param name="state">Where the incremental cursors live; null for a full sync.</param>
    public SyncRun StartSync(SyncRequest request, IStateStore? state = null) => _engine.Start(request, state);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
