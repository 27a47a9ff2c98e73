using System.Diagnostics;
using System.Threading.Channels;
using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Evolution;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Tables;
using CqSourceS3.Client.Telemetry;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// Reads one object of a run into Insert messages: its batches (Parquet or text), cut into records, each given its
/// <c>_cq_id</c>s and encoded. The one place that decides what a failed read leads to: a retry (transient, and no row
/// of the object sent yet), a skip with a warning, or, under <c>error_policy: fail</c>, a stop of its table.
/// </summary>
internal sealed class ObjectReader(
    IObjectStore store, SourceSpec spec, SyncSettings settings, bool deterministicIds,
    RunCounters counters, TableStops stops, ProgressReporter progress, TableSpans spans, ILogger logger)
{
    private readonly ObjectFormatReader _formats = new(settings.ReadOptions, TextReadSettings.For(spec));

    /// <summary>The table error under <c>error_policy: fail</c>, the same in a sync and in its dry run.</summary>
    public static string StopReason(SkippedObject skip) =>
        $"table {skip.Table}: object {skip.Key} could not be read ({skip.Reason}); error_policy is fail, so the table stops and its cursor stays";

    /// <summary>Stops a table under <c>error_policy: fail</c> because of <paramref name="skip"/>.</summary>
    public static void StopTable(TableStops stops, SkippedObject skip, ILogger logger)
    {
        ClientLog.TableStopped(logger, skip.Table, skip.Key, skip.Reason);
        stops.Stop(skip.Table, StopReason(skip));
    }

    /// <summary>
    /// Reads <paramref name="item"/> under its table's token. Returns when the object was read, skipped, or its
    /// table was stopped; throws only what must stop the whole sync.
    /// </summary>
    public async Task ReadAsync(ObjectWork item, ChannelWriter<InsertMessage> writer, CancellationToken runToken)
    {
        var table = item.Table.TableName;
        try
        {
            var tableToken = stops.For(table);
            if (!tableToken.IsCancellationRequested || runToken.IsCancellationRequested)
            {
                await ReadInSpanAsync(item, writer, runToken, tableToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // After the object's span ended: the last object of a table ends the table's span.
            spans.ObjectFinished(table);
        }
    }

    private async Task ReadInSpanAsync(ObjectWork item, ChannelWriter<InsertMessage> writer, CancellationToken runToken, CancellationToken tableToken)
    {
        var table = item.Table.TableName;
        // The object's span is the current one while it is read, so its log lines carry its trace and span ids.
        using var span = ObjectSpans.Start(item, spans.ContextOf(table));
        try
        {
            await ReadWithRetriesAsync(item, writer, span, tableToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!runToken.IsCancellationRequested && stops.IsStopped(table))
        {
            // Stopped because another object of this table failed under error_policy: fail.
            ObjectSpans.NotRead(span, "its table stopped after another object failed (error_policy: fail)");
        }
        catch (Exception e)
        {
            SyncTelemetry.RecordError(span, e);
            throw;
        }
    }

    private async Task ReadWithRetriesAsync(ObjectWork item, ChannelWriter<InsertMessage> writer, Activity? span, CancellationToken cancellationToken)
    {
        var obj = item.File.StoredObject;
        var table = item.Table.TableName;
        for (var retry = 0; ; retry++)
        {
            try
            {
                var rows = await ReadOnceAsync(item, writer, cancellationToken).ConfigureAwait(false);
                ObjectSpans.Read(span, rows, retry);
                return;
            }
            catch (ObjectReadFailure failure) when (settings.Retry.ShouldRetry(failure.InnerException!, retry, failure.RowsSent))
            {
                // Nothing of this object was sent yet, so reading it again cannot duplicate rows.
                ClientLog.ObjectRetrying(logger, table, obj.Key, retry + 1, settings.Retry.MaxRetries, failure.InnerException!.Message);
                SyncMetrics.Retried(table);
                await settings.Retry.WaitAsync(retry, settings.Clock, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectReadFailure failure)
            {
                var skip = ObjectFailures.ToSkipped(failure.InnerException!, obj, table);
                item.Incremental?.Failed(obj, skip.Transient, failure.RowsSent);
                ClientLog.ObjectSkipped(logger, skip.Table, skip.Key, failure.RowsSent == 0 ? skip.Reason : $"{skip.Reason} (after {failure.RowsSent} rows were sent)");
                counters.Skip(skip);
                spans.ObjectFailed(table);
                ObjectSpans.Skipped(span, skip, failure.InnerException!, failure.RowsSent, retry, spec.FailsTableOnUnreadableObject);
                if (spec.FailsTableOnUnreadableObject)
                {
                    StopTable(stops, skip, logger);
                }

                return;
            }
        }
    }

    /// <summary>Reads the object once; returns the rows sent.</summary>
    private async Task<long> ReadOnceAsync(ObjectWork item, ChannelWriter<InsertMessage> writer, CancellationToken cancellationToken)
    {
        var (table, file) = (item.Table, item.File);
        var obj = file.StoredObject;
        var started = Stopwatch.GetTimestamp();
        counters.ObjectStarting(table.TableName, started);
        using var builder = new CqRecordBuilder(table, CqIdGenerator.For(deterministicIds, store.Location, obj), new ObjectColumnValues(obj, item.Partitions));
        using var encoder = new RecordStreamEncoder(table.Schema);
        // Objects whose schema is not the table's (schema_policy: union_by_name) get missing columns as nulls and
        // narrower types widened; the rest pass through untouched.
        var conformer = new BatchConformer(table.FileSchema, file.Schema);
        long row = 0;
        try
        {
            // An object discovery read to its end without a row (an empty or header-only text object) is not read again.
            var batches = file.IsKnownEmpty ? AsyncEnumerable.Empty<RecordBatch>() : _formats.ReadAsync(store, file, cancellationToken);
            await foreach (var decoded in batches.ConfigureAwait(false))
            {
                using (var batch = conformer.IsIdentity ? decoded : conformer.Conform(decoded, obj.Key))
                {
                    foreach (var slice in RecordBatchSlicer.Slice(batch, spec.RowsPerRecord, settings.MaxRecordBytes))
                    {
                        RecordBatch record;
                        using (slice)
                        {
                            record = builder.Build(slice, row);
                        }

                        row += record.Length;
                        await WriteAsync(writer, new InsertMessage(table.TableName, record, encoder.Encode(record)), cancellationToken).ConfigureAwait(false);
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

        item.Incremental?.Succeeded(obj);
        var done = counters.ObjectDone(table.TableName, row, obj.Size);
        progress.ObjectDone(done, counters.Rows, counters.BytesRead);
        SyncMetrics.ObjectRead(table.TableName, row, obj.Size);
        ClientLog.ObjectRead(logger, table.TableName, obj.Key, row, obj.Size, Stopwatch.GetElapsedTime(started));
        return row;
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
