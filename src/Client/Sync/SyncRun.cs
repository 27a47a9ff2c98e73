using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Mirror;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Tables;
using CqSourceS3.Client.Telemetry;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// One sync, from plan to the last message: every MigrateTable, then the objects read in parallel (at most the
/// engine's concurrency at once, within the read budget) into a bounded channel that the single consumer drains,
/// then the table errors. Everything it counts or decides lives here, so runs never share state.
/// </summary>
/// <remarks>
/// Memory stays flat: each reader streams batches of at most <c>rows_per_record</c> rows, and at most
/// <see cref="BatchesInFlight"/> records wait in the channel, so a slow destination holds the readers back.
/// </remarks>
public sealed class SyncRun
{
    /// <summary>Records waiting for the consumer; readers block beyond this.</summary>
    public const int BatchesInFlight = 16;

    private readonly SyncEngine _engine;
    private readonly SyncRequest _request;
    private readonly IStateStore? _state;
    private readonly ILogger _logger;
    private readonly RunCounters _counters = new();
    private int _started;

    internal SyncRun(SyncEngine engine, SyncRequest request, IStateStore? state, ILogger logger)
    {
        _engine = engine;
        _request = request;
        _state = state;
        _logger = logger;
    }

    /// <summary>Objects not read in this run (footer or data unreadable, deleted meanwhile, timed out), in key order.</summary>
    public IReadOnlyList<SkippedObject> Skipped => _counters.Skipped;

    /// <summary>Per selected table: objects, rows and bytes read so far.</summary>
    public IReadOnlyDictionary<string, TableProgress> Progress => _counters.Progress;

    /// <summary>Objects this run reads (after table selection and cursors); known once the first MigrateTable was sent.</summary>
    public int ObjectsToRead => _counters.ObjectsToRead;

    /// <summary>What this run's shard was given; null when the sync is not sharded or not yet planned.</summary>
    public Sharding.ShardShare? Share { get; private set; }

    /// <summary>Objects read completely so far.</summary>
    public int ObjectsRead => _counters.ObjectsRead;

    /// <summary>Size of the objects read completely so far.</summary>
    public long BytesRead => _counters.BytesRead;

    /// <summary>Rows sent so far.</summary>
    public long Rows => _counters.Rows;

    /// <summary>
    /// Runs the sync, handing each message to <paramref name="send"/> (which must be done with it when it returns:
    /// the message is disposed then), and stores the new cursors only after every message was sent. This is the
    /// commit rule of incremental syncs, at-least-once: a run that fails or is cancelled changes no stored state.
    /// <paramref name="beforeCommit"/>, if any, runs after the last message and before the cursors are stored, for a
    /// consumer that must finish what it wrote (close files) before the data counts as delivered.
    /// </summary>
    public async Task ExecuteAsync(
        Func<SyncMessage, CancellationToken, ValueTask> send, Func<CancellationToken, ValueTask>? beforeCommit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            await foreach (var message in ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                using (message as IDisposable)
                {
                    await send(message, cancellationToken).ConfigureAwait(false);
                }
            }

            if (beforeCommit is not null)
            {
                await beforeCommit(cancellationToken).ConfigureAwait(false);
            }

            if (_state is not null)
            {
                await SyncTelemetry.TraceAsync(SyncTelemetry.StateFlushSpan, () => _state.FlushAsync(cancellationToken)).ConfigureAwait(false);
            }

            succeeded = true;
        }
        finally
        {
            SyncMetrics.SyncDone(Stopwatch.GetElapsedTime(started), succeeded);
        }
    }

    /// <summary>
    /// The run's messages, in order. The consumer owns each Insert and disposes it. New cursors are set in the state
    /// store at the end but not flushed: <see cref="ExecuteAsync"/> flushes once everything was sent. Enumerate once.
    /// </summary>
    public async IAsyncEnumerable<SyncMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a sync run can be read only once; start another run");
        }

        var started = Stopwatch.GetTimestamp();
        var prepared = await _engine.PrepareAsync(_request, _state, cancellationToken).ConfigureAwait(false);
        Share = prepared.Share;
        foreach (var skip in prepared.Discovery.Skipped)
        {
            _counters.Skip(skip);
        }

        foreach (var table in prepared.Selected)
        {
            _counters.AddTable(table.Name);
        }

        foreach (var table in prepared.Syncable)
        {
            yield return new MigrateTableMessage(table.Name, table.Table!.Schema);
        }

        foreach (var table in prepared.Selected.Where(t => t.Table is null))
        {
            yield return new TableErrorMessage(table.Name, table.Error!);
        }

        // A mirrored table's old rows go before any new row is sent (every delete precedes every insert).
        foreach (var delete in await MirrorDeletesAsync(prepared, cancellationToken).ConfigureAwait(false))
        {
            yield return delete;
        }

        // Every read runs under `stop`, cancelled when the consumer stops for any reason; table tokens hang off it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stops = new TableStops(stop.Token);
        foreach (var skip in prepared.FooterStops)
        {
            ObjectReader.StopTable(stops, skip, _logger);
        }

        var work = prepared.Work(stops.IsStopped);
        _counters.ObjectsToRead = work.Count;
        ClientLog.SyncStarting(_logger, prepared.Selected.Count, work.Count, work.Sum(w => w.File.StoredObject.Size), _engine.Concurrency);

        var settings = _engine.Settings;
        var progress = new ProgressReporter(_logger, settings.Clock, settings.ProgressInterval, prepared.Selected.Count, work.Count);
        using var spans = new TableSpans(prepared.Selected, work, _counters, stops);
        var reader = new ObjectReader(_engine.Store, _engine.Spec, settings, _request.DeterministicCqId, _counters, stops, progress, spans, _logger);

        var channel = Channel.CreateBounded<InsertMessage>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true });
        var producer = ProduceAsync(work, reader, channel.Writer, stop.Token);
        try
        {
            await foreach (var insert in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return insert;
            }

            await producer.ConfigureAwait(false);
            await SetCursorsAsync(prepared, stops, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The consumer stopped (done, failed or cancelled): stop every reader and free what is still queued.
            await stop.CancelAsync().ConfigureAwait(false);
            DisposeQueued(channel.Reader);
            await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            DisposeQueued(channel.Reader);
        }

        foreach (var (table, error) in stops.Errors)
        {
            yield return new TableErrorMessage(table, error);
        }

        ClientLog.SyncFinished(_logger, Rows, ObjectsRead, Stopwatch.GetElapsedTime(started), _counters.SkippedCount);
    }

    private async Task ProduceAsync(IReadOnlyList<ObjectWork> work, ObjectReader reader, ChannelWriter<InsertMessage> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Exception? failure = null;
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = _engine.Concurrency, CancellationToken = cancellationToken };
            var budget = new ReadBudget(_engine.Settings.ReadBudgetBytes);
            await Parallel.ForEachAsync(work, options, async (item, token) =>
            {
                using var lease = await budget.AcquireAsync(item.Weight, token).ConfigureAwait(false);
                await reader.ReadAsync(item, writer, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    /// <summary>Sets each table's next cursor (and mirror state), except for tables stopped under <c>error_policy: fail</c>.</summary>
    private async Task SetCursorsAsync(PreparedSync prepared, TableStops stops, CancellationToken cancellationToken)
    {
        foreach (var run in prepared.Incremental.Where(r => !stops.IsStopped(r.Key)).Select(r => r.Value))
        {
            await _state!.SetAsync(run.StateKey, run.Next(_engine.Spec.Lookback).ToString(), cancellationToken).ConfigureAwait(false);
            if (run.Mirror is { } mirror)
            {
                await mirror.SaveAsync(_state, run, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The DeleteRecords of the mirrored tables, after remembering (and flushing) as pending the objects whose rows this
    /// run inserts for the first time, so that the next run can tell rows of a run that failed midway.
    /// </summary>
    private async Task<List<DeleteRecordMessage>> MirrorDeletesAsync(PreparedSync prepared, CancellationToken cancellationToken)
    {
        var deletes = new List<DeleteRecordMessage>();
        var marked = false;
        foreach (var (table, run) in prepared.Incremental.Where(r => r.Value.Mirror is not null).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var mirror = run.Mirror!;
            var replaced = mirror.Replaced(run.Selection.ToRead);
            _counters.Mirrored(table, mirror.Vanished.Count, replaced.Count);
            ClientLog.MirrorDeletes(_logger, table, mirror.Vanished.Count, replaced.Count);
            deletes.AddRange(mirror.Vanished.Concat(replaced).Select(key => new DeleteRecordMessage(table, LineageColumns.ColumnName(LineageColumn.Key), key)));
            marked |= await mirror.RememberPendingAsync(_state!, run.Selection.ToRead, cancellationToken).ConfigureAwait(false);
        }

        if (marked)
        {
            await _state!.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return deletes;
    }

    private static void DisposeQueued(ChannelReader<InsertMessage> reader)
    {
        while (reader.TryRead(out var insert))
        {
            insert.Dispose();
        }
    }
}
