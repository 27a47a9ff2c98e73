using System.Diagnostics;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Sync;

namespace CqSourceS3.Client.Telemetry;

/// <summary>
/// The <c>sync.table.&lt;name&gt;</c> spans of one run. Objects of all tables are read in parallel, so a table's span
/// starts with the reading phase and ends when its last object is done (read, skipped or passed over because the
/// table stopped), on whichever reader finished it; at that point the Go SDK's <c>sync.finish.stats</c> event and
/// the table metrics are recorded. Belongs to the run.
/// </summary>
internal sealed class TableSpans : IDisposable
{
    private readonly Dictionary<string, TableSpan> _tables = new(StringComparer.Ordinal);
    private readonly RunCounters _counters;
    private readonly TableStops _stops;

    /// <summary>
    /// Starts one span per selected table under the current span (the sync's). Tables that cannot be synced or that
    /// have nothing to read end at once, the former marked failed.
    /// </summary>
    public TableSpans(IEnumerable<DiscoveredTable> selected, IReadOnlyList<ObjectWork> work, RunCounters counters, TableStops stops)
    {
        _counters = counters;
        _stops = stops;
        var parent = Activity.Current;
        var invocationId = parent?.GetTagItem(SyncAttributes.InvocationId) as string ?? "";
        var toRead = work.GroupBy(w => w.Table.TableName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var table in selected)
        {
            var span = SyncTelemetry.StartDetached(SyncTelemetry.TableSpanPrefix + table.Name, parent?.Context ?? default);
            span?.SetTag(SyncAttributes.ClientId, "");
            span?.SetTag(SyncAttributes.InvocationId, invocationId);
            span?.SetTag(SyncAttributes.TableName, table.Name);
            var entry = new TableSpan(span, toRead.GetValueOrDefault(table.Name));
            span?.SetTag(SyncAttributes.TableObjects, entry.Remaining);
            _tables[table.Name] = entry;
            if (table.Error is not null)
            {
                span?.SetStatus(ActivityStatusCode.Error, table.Error);
                Interlocked.Increment(ref entry.Errors);
                End(table.Name, entry);
            }
            else if (entry.Remaining == 0)
            {
                End(table.Name, entry);
            }
        }
    }

    /// <summary>The span objects of <paramref name="table"/> hang under (default when nobody listens).</summary>
    public ActivityContext ContextOf(string table) => _tables.TryGetValue(table, out var entry) ? entry.Span?.Context ?? default : default;

    /// <summary>Counts an object of <paramref name="table"/> that could not be read.</summary>
    public void ObjectFailed(string table)
    {
        if (_tables.TryGetValue(table, out var entry))
        {
            Interlocked.Increment(ref entry.Errors);
        }
    }

    /// <summary>One object of <paramref name="table"/> is done, whatever became of it; the last one ends the span.</summary>
    public void ObjectFinished(string table)
    {
        if (_tables.TryGetValue(table, out var entry) && Interlocked.Decrement(ref entry.Remaining) == 0)
        {
            End(table, entry);
        }
    }

    /// <summary>Ends the spans of tables whose objects were not all done: the sync stopped (failed or cancelled).</summary>
    public void Dispose()
    {
        foreach (var (table, entry) in _tables)
        {
            if (Volatile.Read(ref entry.Ended) == 0)
            {
                entry.Span?.SetStatus(ActivityStatusCode.Error, "the sync stopped before every object of the table was read");
                End(table, entry);
            }
        }
    }

    private void End(string table, TableSpan entry)
    {
        if (Interlocked.Exchange(ref entry.Ended, 1) != 0)
        {
            return;
        }

        var progress = _counters.Progress.GetValueOrDefault(table);
        var errors = Interlocked.Read(ref entry.Errors);
        if (_stops.IsStopped(table))
        {
            entry.Span?.SetStatus(ActivityStatusCode.Error, _stops.Errors.FirstOrDefault(e => e.Key == table).Value);
        }

        if (entry.Span is { } span)
        {
            span.SetTag(SyncAttributes.TableBytes, progress?.Bytes ?? 0);
            span.AddEvent(new ActivityEvent(SyncAttributes.FinishStatsEvent, tags: new ActivityTagsCollection
            {
                [SyncAttributes.Resources] = progress?.Rows ?? 0,
                [SyncAttributes.Errors] = errors,
                [SyncAttributes.Panics] = 0L,
            }));
            span.Dispose();
        }

        SyncMetrics.TableDone(table, errors, Stopwatch.GetElapsedTime(entry.Started));
    }

    private sealed class TableSpan(Activity? span, int remaining)
    {
        public readonly Activity? Span = span;
        public readonly long Started = Stopwatch.GetTimestamp();
        public int Remaining = remaining;
        public long Errors;
        public int Ended;
    }
}
