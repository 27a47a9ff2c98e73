using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Where a client's syncs start: its store, spec and settings, and the concurrency they allow. Holds nothing of a
/// run: <see cref="Start"/> makes a <see cref="SyncRun"/> that owns what it counts and decides, and
/// <see cref="PlanAsync"/> prepares the same plan without reading a row.
/// </summary>
internal sealed class SyncEngine(IObjectStore store, SourceSpec spec, SyncSettings settings, ILogger logger)
{
    /// <summary>What <c>concurrency: -1</c> means: unlimited in spirit, but each open object holds buffers, so still capped.</summary>
    public const int UnlimitedConcurrency = 256;

    private int? _concurrency;

    public IObjectStore Store { get; } = store;

    public SourceSpec Spec { get; } = spec;

    public SyncSettings Settings { get; } = settings;

    /// <summary>How many objects are read at the same time: the spec's, lowered to fit the open-file limit.</summary>
    public int Concurrency => _concurrency ??= LimitConcurrency();

    /// <summary>A new run of <paramref name="request"/>; <paramref name="state"/> null reads every object.</summary>
    public SyncRun Start(SyncRequest request, IStateStore? state) => new(this, request, state, logger);

    /// <summary>What a run would read (discovery, table selection and cursors), without reading a row or changing any state.</summary>
    public async Task<SyncPlan> PlanAsync(SyncRequest request, IStateStore? state, CancellationToken cancellationToken) =>
        (await PrepareAsync(request, state, cancellationToken).ConfigureAwait(false)).ToPlan();

    internal Task<PreparedSync> PrepareAsync(SyncRequest request, IStateStore? state, CancellationToken cancellationToken) =>
        new SyncPlanner(Store, Spec, Settings, Concurrency, logger).PrepareAsync(request, state, cancellationToken);

    private int LimitConcurrency()
    {
        var requested = Spec.Concurrency == -1 ? UnlimitedConcurrency : Spec.Concurrency;
        var limit = OpenFileLimit.SoftLimit();
        var open = OpenFileLimit.OpenDescriptors();
        var concurrency = OpenFileLimit.Cap(requested, limit, open);
        if (concurrency < requested)
        {
            ClientLog.ConcurrencyLowered(logger, requested, concurrency, limit ?? 0, open);
        }

        return concurrency;
    }
}
