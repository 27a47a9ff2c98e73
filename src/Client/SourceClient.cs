using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client;

/// <summary>
/// The façade the gRPC service (and the standalone commands) talk to: one validated spec, one object store.
/// Created by Init, replaced by the next Init, disposed with the plugin.
/// </summary>
public sealed class SourceClient : IAsyncDisposable
{
    private SourceClient(SourceSpec spec, IObjectStore store, ILoggerFactory loggers, FooterCache? footers)
    {
        Spec = spec;
        Store = store;
        Loggers = loggers;
        Footers = footers;
    }

    /// <summary>The validated spec.</summary>
    public SourceSpec Spec { get; }

    /// <summary>Where objects are listed and read.</summary>
    public IObjectStore Store { get; }

    internal ILoggerFactory Loggers { get; }

    /// <summary>Footer facts shared by every discovery of this client (GetTables, Sync, dry runs); null for fakes.</summary>
    internal FooterCache? Footers { get; }

    /// <summary>
    /// Builds a client for <paramref name="spec"/>: resolves credentials but sends no request. Its footer cache
    /// is the spec's (<see cref="FooterCache.For"/>).
    /// </summary>
    public static async Task<SourceClient> CreateAsync(SourceSpec spec, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(loggers);
        var store = await ObjectStoreFactory.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        return new(spec, store, loggers, SpecFooterCache(spec, store, loggers));
    }

    /// <summary>
    /// The footer cache the spec asks for, for a client over <paramref name="store"/> (see <see cref="FooterCache.For"/>).
    /// </summary>
    internal static FooterCache? SpecFooterCache(SourceSpec spec, IObjectStore store, ILoggerFactory loggers) =>
        FooterCache.For(spec, store.Location, loggers.CreateLogger<FooterCache>());

    /// <summary>
    /// Builds a client over a given store, without a footer cache: every discovery reads every footer. That is
    /// what tests with fakes want, since a fake may replace an object's bytes without the size, LastModified or
    /// ETag changing, which real stores never do.
    /// </summary>
    public static SourceClient Create(SourceSpec spec, IObjectStore store, ILoggerFactory loggers) =>
        new(spec, store, loggers, footers: null);

    /// <summary>Builds a client over a given store with a footer cache of the caller's choice.</summary>
    internal static SourceClient Create(SourceSpec spec, IObjectStore store, ILoggerFactory loggers, FooterCache? footers) =>
        new(spec, store, loggers, footers);

    /// <summary>Checks the bucket or folder exists and can be listed under <c>path_prefix</c>.</summary>
    /// <exception cref="StoreException">It cannot; <see cref="StoreException.Failure"/> says why.</exception>
    public Task CheckConnectionAsync(CancellationToken cancellationToken) =>
        Store.CheckAccessAsync(Spec.PathPrefix, cancellationToken);

    /// <summary>Where the spec points, for messages: bucket, region and endpoint, or the folder. Never a secret.</summary>
    public string DescribeLocation() => DescribeLocation(Spec);

    /// <inheritdoc cref="DescribeLocation()"/>
    public static string DescribeLocation(SourceSpec spec) => spec.IsLocal
        ? $"local_path \"{spec.LocalPath}\""
        : $"bucket \"{spec.Bucket}\" (region {spec.Region ?? "from the AWS environment"}, endpoint {(spec.Endpoint is null ? "AWS S3" : S3Target.Display(spec.Endpoint))})";

    /// <summary>Lists and checks every table (footers only), without selecting any.</summary>
    public Task<DiscoveryResult> DiscoverAsync(CancellationToken cancellationToken) =>
        new TableDiscovery(Store, ReadOptions, CreateSync().Concurrency, Loggers.CreateLogger<TableDiscovery>(), Footers).DiscoverAsync(Spec.PathPrefix, cancellationToken);

    /// <summary>The tables a GetTables call selects, with their CloudQuery schemas; failed tables are logged and left out.</summary>
    public async Task<IReadOnlyList<(string Name, Apache.Arrow.Schema Schema)>> GetTablesAsync(IReadOnlyList<string> include, IReadOnlyList<string> skip, CancellationToken cancellationToken)
    {
        var discovery = await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        var selected = TableFilter.Select(discovery, include, skip).ToHashSet(StringComparer.Ordinal);
        return [.. discovery.Tables.Where(t => selected.Contains(t.Name) && t.Table is not null).Select(t => (t.Name, t.Table!.Schema))];
    }

    /// <summary>A new sync over this client's store; run it with <see cref="SyncEngine.RunAsync"/>.</summary>
    /// <param name="state">Where the incremental cursors live; null for a full sync.</param>
    internal SyncEngine CreateSync(State.IStateStore? state = null) => new(Store, Spec, ReadOptions, Loggers.CreateLogger<SyncEngine>()) { State = state, FooterCache = Footers };

    /// <summary>Read-ahead and per-object time limit for Parquet reads.</summary>
    internal ParquetReadOptions ReadOptions { get; init; } = ParquetReadOptions.Default;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
