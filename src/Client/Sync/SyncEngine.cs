using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Tables;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// One sync: discover, select tables, send every MigrateTable, then read objects in parallel (at most
/// <see cref="Concurrency"/> at once) into a bounded channel that the single gRPC writer drains. Memory stays flat:
/// each reader streams batches of at most <c>rows_per_record</c> rows and at most <see cref="BatchesInFlight"/>
/// batches wait in the channel.
/// </summary>
internal sealed class SyncEngine(IObjectStore store, SourceSpec spec, ParquetReadOptions readOptions, ILogger logger)
{
    /// <summary>What <c>concurrency: -1</c> means: unlimited in spirit, but each open object holds buffers, so still capped.</summary>
    public const int UnlimitedConcurrency = 256;

    /// <summary>Batches waiting for the writer; readers block beyond this, so memory does not grow with a slow destination.</summary>
    public const int BatchesInFlight = 16;

    private readonly ConcurrentBag<SkippedObject> _skipped = [];
    private readonly ConcurrentDictionary<string, TableProgress> _progress = new(StringComparer.Ordinal);
    private long _rows;
    private int _objectsRead;
    private ProgressReporter? _reporter;
    private int? _concurrency;
    private TableStops? _stops;

    /// <summary>How many objects are read at the same time: the spec's, lowered to fit the open-file limit.</summary>
    public int Concurrency => _concurrency ??= LimitConcurrency();

    /// <summary>
    /// Where per-table cursors live; null means no state backend: every run reads every object. The engine only
    /// gets and sets values; the caller flushes after the whole sync succeeded.
    /// </summary>
    public IStateStore? State { get; init; }

    /// <summary>The clock the settle window is measured against.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Caps each Insert far below the protocol's 100 MiB message limit.</summary>
    public long MaxRecordBytes { get; init; } = RecordBatchSlicer.DefaultMaxBytes;

    /// <summary>
    /// The most row-group bytes (compressed, as pre-buffered by the decoder) of objects read at once; measured by
    /// bench/, opening more big objects than this on a small machine adds memory and no speed.
    /// </summary>
    public long ReadBudgetBytes { get; init; } = DefaultReadBudgetBytes;

    /// <summary>Footer facts from earlier discoveries (see <see cref="Discovery.FooterCache"/>); null reads every footer.</summary>
    internal FooterCache? FooterCache { get; init; }

    /// <summary>
    /// The default of <see cref="ReadBudgetBytes"/>: 8 MiB per core, at least 16 MiB. Each object in flight keeps
    /// about one core busy decoding; on the 2-core bench machine a 16 MiB budget (one reference-set row group,
    /// about 12 MB, at a time) synced as fast as 32 MiB (two at a time) and peaked about 90 MB lower
    /// (bench/RESULTS.md, 2026-11-23 scale-1 runs).
    /// </summary>
    public static readonly long DefaultReadBudgetBytes = Math.Max(16L * 1024 * 1024, 8L * 1024 * 1024 * Environment.ProcessorCount);

    /// <summary>How transient read failures are retried before the object is skipped; small delays in tests.</summary>
    public TransientRetry Retry { get; init; } = TransientRetry.Default;

    /// <summary>The least time between two progress lines; small in tests.</summary>
    public TimeSpan ProgressInterval { get; init; } = ProgressReporter.DefaultInterval;

    /// <summary>Objects not read in this sync (footer or data unreadable, deleted meanwhile, timed out).</summary>
    public IReadOnlyList<SkippedObject> Skipped => [.. _skipped.OrderBy(s => s.Key, StringComparer.Ordinal)];

    /// <summary>Per selected table: objects, rows and bytes read so far.</summary>
    public IReadOnlyDictionary<string, TableProgress> Progress => _progress;

    /// <summary>Objects this sync reads (after table selection and cursors); known once the first MigrateTable was sent.</summary>
    public int ObjectsToRead { get; private set; }

    /// <summary>Objects read completely so far.</summary>
    public int ObjectsRead => Volatile.Read(ref _objectsRead);

    /// <summary>Size of the objects read completely so far.</summary>
    public long BytesRead => _progress.Values.Sum(p => p.Bytes);

    /// <summary>Rows sent so far.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    public async IAsyncEnumerable<SyncMessage> RunAsync(SyncRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (discovery, selected, incremental) = await PrepareAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var skip in discovery.Skipped)
        {
            _skipped.Add(skip);
        }

        foreach (var table in selected)
        {
            _progress[table.Name] = new TableProgress();
        }

        foreach (var table in selected.Where(t => t.Table is not null))
        {
            yield return new MigrateTableMessage(table.Name, table.Table!.Schema);
        }

        foreach (var table in selected.Where(t => t.Table is null))
        {
            yield return new TableErrorMessage(table.Name, table.Error!);
        }

        // Every read runs under `stop`, cancelled when the consumer stops for any reason; table tokens hang off it.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stops = new TableStops(stop.Token);
        _stops = stops;
        if (spec.FailsTableOnUnreadableObject)
        {
            // A footer that could not be read already stops its table: nothing of it is read, its cursor stays.
            foreach (var skip in discovery.Skipped.Where(s => selected.Any(t => t.Name == s.Table && t.Table is not null)))
            {
                StopTable(skip);
            }
        }

        var work = selected.Where(t => t.Table is not null && !stops.IsStopped(t.Name))
            .SelectMany(t => t.Files.Where(f => !incremental.TryGetValue(t.Name, out var run) || run.IsSelected(f.StoredObject)).Select(f => (Table: t.Table!, File: f)))
            .ToList();
        ObjectsToRead = work.Count;
        ClientLog.SyncStarting(logger, selected.Count, work.Count, work.Sum(w => w.File.StoredObject.Size), Concurrency);

        _reporter = new ProgressReporter(logger, Clock, ProgressInterval, selected.Count, work.Count);
        var channel = Channel.CreateBounded<InsertMessage>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true });
        var producer = ProduceAsync(work, request.DeterministicCqId, incremental, channel.Writer, stop.Token);
        try
        {
            await foreach (var insert in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return insert;
            }

            await producer.ConfigureAwait(false);
            await WriteCursorsAsync(incremental, stops, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The consumer stopped (done, failed or cancelled): stop every reader and free what is still queued.
            await stop.CancelAsync().ConfigureAwait(false);
            while (channel.Reader.TryRead(out var left))
            {
                left.Dispose();
            }

            await producer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            while (channel.Reader.TryRead(out var late))
            {
                late.Dispose();
            }
        }

        foreach (var (table, error) in stops.Errors)
        {
            yield return new TableErrorMessage(table, error);
        }

        ClientLog.SyncFinished(logger, Rows, _objectsRead, Stopwatch.GetElapsedTime(started), _skipped.Count);
    }

    /// <summary>
    /// What <see cref="RunAsync"/> would read (discovery, table selection and cursors), without reading a row or
    /// changing any state: the dry run.
    /// </summary>
    public async Task<SyncPlan> PlanAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var (discovery, selected, incremental) = await PrepareAsync(request, cancellationToken).ConfigureAwait(false);
        var tables = selected.Select(table =>
        {
            var footerFailure = spec.FailsTableOnUnreadableObject ? discovery.Skipped.FirstOrDefault(s => s.Table == table.Name) : null;
            var error = table.Error ?? (footerFailure is null ? null : StopReason(footerFailure));
            if (error is not null || table.Table is null)
            {
                return new PlannedTable(table.Name, error, [], 0, 0);
            }

            var run = incremental.GetValueOrDefault(table.Name);
            var toRead = table.Files.Select(f => f.StoredObject).Where(o => run is null || run.IsSelected(o)).ToList();
            return new PlannedTable(table.Name, null, toRead, run?.Selection.SkippedAsSynced ?? 0, run?.Selection.SkippedAsTooYoung ?? 0);
        }).ToList();
        return new SyncPlan(tables, discovery.Skipped);
    }

    /// <summary>Discovery, table selection, then the cursors: read before anything is sent, so a corrupt stored value fails the sync before any row moves.</summary>
    private async Task<(DiscoveryResult Discovery, List<DiscoveredTable> Selected, Dictionary<string, IncrementalTable> Incremental)> PrepareAsync(
        SyncRequest request, CancellationToken cancellationToken)
    {
        var discovery = await new TableDiscovery(store, readOptions, Concurrency, logger, FooterCache).DiscoverAsync(spec.PathPrefix, cancellationToken).ConfigureAwait(false);
        var selected = Select(discovery, request);
        var incremental = await ReadCursorsAsync(selected, discovery, cancellationToken).ConfigureAwait(false);
        return (discovery, selected, incremental);
    }

    private async Task<Dictionary<string, IncrementalTable>> ReadCursorsAsync(List<DiscoveredTable> selected, DiscoveryResult discovery, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, IncrementalTable>(StringComparer.Ordinal);
        if (State is null)
        {
            return runs;
        }

        var now = Clock.GetUtcNow();
        foreach (var table in selected.Where(t => t.Table is not null))
        {
            var key = StateKeys.ForTable(store.Location, table.Name);
            var cursor = TableCursor.Parse(key, await State.GetAsync(key, cancellationToken).ConfigureAwait(false));

            // Objects whose footer failed are listed too: the cursor must see them so it cannot pass a transient failure.
            var footerFailed = discovery.Skipped.Where(s => s.Table == table.Name && s.StoredObject is not null).Select(s => s.StoredObject!);
            var selection = CursorFilter.Select(cursor, table.Files.Select(f => f.StoredObject).Concat(footerFailed), now, spec.Settle);
            var run = new IncrementalTable(key, selection);
            run.FooterFailed(discovery.Skipped.Where(s => s.Table == table.Name));
            runs[table.Name] = run;
            ClientLog.CursorSelected(logger, table.Name, selection.ToRead.Count, selection.SkippedAsSynced, selection.SkippedAsTooYoung);
        }

        return runs;
    }

    private async Task WriteCursorsAsync(Dictionary<string, IncrementalTable> runs, TableStops stops, CancellationToken cancellationToken)
    {
        foreach (var run in runs.Where(r => !stops.IsStopped(r.Key)).Select(r => r.Value))
        {
            await State!.SetAsync(run.StateKey, run.Next(spec.Lookback).ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<DiscoveredTable> Select(DiscoveryResult discovery, SyncRequest request)
    {
        var names = TableFilter.Select(discovery, request.Tables, request.SkipTables).ToHashSet(StringComparer.Ordinal);
        return [.. discovery.Tables.Where(t => names.Contains(t.Name))];
    }

    private async Task ProduceAsync(
        List<(CqTableSchema Table, ParquetFileInfo File)> work, bool deterministic, Dictionary<string, IncrementalTable> incremental, ChannelWriter<InsertMessage> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Exception? failure = null;
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
            var budget = new ReadBudget(ReadBudgetBytes);
            await Parallel.ForEachAsync(work, options, async (item, token) =>
            {
                using var lease = await budget.AcquireAsync(RowGroupWeight(item.File), token).ConfigureAwait(false);
                await ReadTableObjectAsync(item.Table, item.File, deterministic, incremental.GetValueOrDefault(item.Table.TableName), writer, token).ConfigureAwait(false);
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

    private int LimitConcurrency()
    {
        var requested = spec.Concurrency == -1 ? UnlimitedConcurrency : spec.Concurrency;
        var limit = OpenFileLimit.SoftLimit();
        var open = OpenFileLimit.OpenDescriptors();
        var concurrency = OpenFileLimit.Cap(requested, limit, open);
        if (concurrency < requested)
        {
            ClientLog.ConcurrencyLowered(logger, requested, concurrency, limit ?? 0, open);
        }

        return concurrency;
    }

    /// <summary>An object's average compressed row group: what the decoder holds while reading it.</summary>
    private static long RowGroupWeight(ParquetFileInfo file) => file.StoredObject.Size / Math.Max(1, file.RowGroupCount);

    /// <summary>Reads one object under its table's token; a table stopped by the error policy ends its reads quietly.</summary>
    private async Task ReadTableObjectAsync(
        CqTableSchema table, ParquetFileInfo file, bool deterministic, IncrementalTable? incremental, ChannelWriter<InsertMessage> writer, CancellationToken cancellationToken)
    {
        var tableToken = _stops!.For(table.TableName);
        if (tableToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await ReadObjectAsync(table, file, deterministic, incremental, writer, tableToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _stops.IsStopped(table.TableName))
        {
            // Stopped because another object of this table failed under error_policy: fail.
        }
    }

    private void StopTable(SkippedObject skip)
    {
        ClientLog.TableStopped(logger, skip.Table, skip.Key, skip.Reason);
        _stops!.Stop(skip.Table, StopReason(skip));
    }

    /// <summary>The table error under <c>error_policy: fail</c>, the same in a sync and in its dry run.</summary>
    private static string StopReason(SkippedObject skip) =>
        $"table {skip.Table}: object {skip.Key} could not be read ({skip.Reason}); error_policy is fail, so the table stops and its cursor stays";

    private async Task ReadObjectAsync(
        CqTableSchema table, ParquetFileInfo file, bool deterministic, IncrementalTable? incremental, ChannelWriter<InsertMessage> writer, CancellationToken cancellationToken)
    {
        var obj = file.StoredObject;
        for (var retry = 0; ; retry++)
        {
            try
            {
                await ReadObjectOnceAsync(table, file, deterministic, incremental, writer, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ObjectReadFailure failure) when (Retry.ShouldRetry(failure.InnerException!, retry, failure.RowsSent))
            {
                // Nothing of this object was sent yet, so reading it again cannot duplicate rows.
                ClientLog.ObjectRetrying(logger, table.TableName, obj.Key, retry + 1, Retry.MaxRetries, failure.InnerException!.Message);
                await Retry.WaitAsync(retry, Clock, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectReadFailure failure)
            {
                var skip = ObjectFailures.ToSkipped(failure.InnerException!, obj, table.TableName);
                incremental?.Failed(obj, skip.Transient);
                ClientLog.ObjectSkipped(logger, skip.Table, skip.Key, failure.RowsSent == 0 ? skip.Reason : $"{skip.Reason} (after {failure.RowsSent} rows were sent)");
                _skipped.Add(skip);
                if (spec.FailsTableOnUnreadableObject)
                {
                    StopTable(skip);
                }

                return;
            }
        }
    }

    private async Task ReadObjectOnceAsync(
        CqTableSchema table, ParquetFileInfo file, bool deterministic, IncrementalTable? incremental, ChannelWriter<InsertMessage> writer, CancellationToken cancellationToken)
    {
        var obj = file.StoredObject;
        var started = Stopwatch.GetTimestamp();
        _progress[table.TableName].ObjectStarting(started);
        var builder = new CqRecordBuilder(table, CqIdGenerator.For(deterministic, store.Location, obj));
        using var encoder = new RecordStreamEncoder(table.Schema);
        long row = 0;
        try
        {
            var batches = new ParquetBatchReader(readOptions).ReadAsync(store, obj, DecodeBatchSize.RowsFor(file), cancellationToken);
            await foreach (var batch in batches.ConfigureAwait(false))
            {
                using (batch)
                {
                    foreach (var slice in RecordBatchSlicer.Slice(batch, spec.RowsPerRecord, MaxRecordBytes))
                    {
                        RecordBatch record;
                        using (slice)
                        {
                            record = builder.Build(slice, row);
                        }

                        row += record.Length;
                        var insert = new InsertMessage(table.TableName, record, encoder.Encode(record));
                        await WriteAsync(writer, insert, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (Exception e) when (ObjectFailures.IsSkippable(e, cancellationToken))
        {
            throw new ObjectReadFailure(e, row);
        }

        if (builder.ReplacedIdCount > 0)
        {
            ClientLog.IdsReplaced(logger, table.TableName, obj.Key, builder.ReplacedIdCount);
        }

        incremental?.Succeeded(obj);
        Interlocked.Add(ref _rows, row);
        var done = Interlocked.Increment(ref _objectsRead);
        _progress[table.TableName].ObjectDone(row, obj.Size);
        _reporter?.ObjectDone(done, Rows, BytesRead);
        ClientLog.ObjectRead(logger, table.TableName, obj.Key, row, obj.Size, Stopwatch.GetElapsedTime(started));
    }

    private static async Task WriteAsync(ChannelWriter<InsertMessage> writer, InsertMessage insert, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(insert, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            insert.Dispose();
            throw;
        }
    }
}
