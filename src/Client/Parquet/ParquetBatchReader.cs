using System.Diagnostics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Streams a Parquet object as normalized Arrow record batches, one row group at a time, each batch at most
/// <c>maxRowsPerBatch</c> rows and owned (to be disposed) by the caller.
/// </summary>
/// <remarks>
/// Decoding runs on a dedicated thread that hands batches over through a one-slot channel (a <see cref="BatchPump"/>),
/// so at most three batches of an object exist at once (one with the caller, one waiting, one being decoded), plus the
/// read-ahead block and the pre-buffered column chunks of the current row group. The caller's total waiting time for one
/// object is limited by <see cref="ParquetReadOptions.ObjectTimeout"/>: native decoding cannot be interrupted and
/// a fuzzed file can make a decoder spin, so when the limit passes the object fails with
/// <see cref="ParquetFailure.TimedOut"/>, the thread's store reads are cancelled and the thread is abandoned
/// (it frees its native reader if it ever returns). Cancellation stops the caller at once; the decode thread
/// disposes its native objects and any batch not handed over.
/// </remarks>
internal sealed class ParquetBatchReader(ParquetReadOptions options)
{
    private readonly ParquetReadOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Reads every row of <paramref name="obj"/> in batches of at most <paramref name="maxRowsPerBatch"/> rows.</summary>
    public async IAsyncEnumerable<RecordBatch> ReadAsync(
        IObjectStore store, StoredObject obj, int maxRowsPerBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerBatch, 1);
        BatchPump pump;
        try
        {
            pump = BatchPump.Start("parquet-decode", handoff => Produce(store, obj, maxRowsPerBatch, handoff), cancellationToken);
        }
        catch (ThreadUnavailableException e)
        {
            throw ParquetFailureClassifier.Classify(e, null, store.Location, obj.Key, cancellationToken);
        }

        var remaining = _options.ObjectTimeout;
        await using (pump.ConfigureAwait(false))
        {
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                var more = await WaitForBatchAsync(pump, remaining, store.Location, obj.Key, cancellationToken).ConfigureAwait(false);
                remaining -= Stopwatch.GetElapsedTime(started);
                if (!more)
                {
                    // Completion carries the decode thread's (already classified) failure, if any.
                    await pump.Completion.ConfigureAwait(false);
                    yield break;
                }

                while (TryTake(pump, cancellationToken, out var batch))
                {
                    yield return batch;
                }
            }
        }
    }

    /// <summary>Takes a waiting batch unless the caller has cancelled meanwhile (then the batch is left for disposal).</summary>
    private static bool TryTake(BatchPump pump, CancellationToken cancellationToken, out RecordBatch batch)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return pump.TryRead(out batch!);
    }

    private async Task<bool> WaitForBatchAsync(
        BatchPump pump, TimeSpan remaining, string location, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await pump.WaitToReadAsync(cancellationToken).AsTask()
                .WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw ParquetFailureClassifier.TimedOut(_options.ObjectTimeout, location, key);
        }
    }

    /// <summary>
    /// The decode thread: it disposes its native objects, and a batch it could not hand over, before it returns; once
    /// stopped, the pump then disposes any batch that went in after the consumer's last look.
    /// </summary>
    private void Produce(IObjectStore store, StoredObject obj, int maxRowsPerBatch, BatchHandoff handoff)
    {
        var stop = handoff.Stop;
        RangedObjectStream? stream = null;
        try
        {
            using var file = ParquetFileHandle.Open(store, obj, _options, maxRowsPerBatch, s => stream = s, stop);
            for (var rowGroup = 0; rowGroup < file.Reader.NumRowGroups; rowGroup++)
            {
                // One reader per row group keeps pre-buffered column chunks to that row group.
                file.Stream.BeginRowGroup();
                using var batches = file.Reader.GetRecordBatchReader([rowGroup]);
                long rows = 0;
                while (batches.ReadNextRecordBatchAsync(stop).AsTask().GetAwaiter().GetResult() is { } raw)
                {
                    if (rows == 0 && rowGroup + 1 < file.Reader.NumRowGroups)
                    {
                        // The row group's bytes are all in once its first batch is decoded: fetch the next one now.
                        file.Stream.ReadAheadNextRowGroup(ReadAheadBudget.Shared);
                    }

                    var batch = ArrowTypeNormalizer.NormalizeBatch(raw, file.Schema);
                    rows += batch.Length;
                    handoff.Hand(batch);
                }

                CheckRowCount(file, rowGroup, rows);
            }

            handoff.Complete();
        }
        catch (Exception e)
        {
            handoff.Fail(ParquetFailureClassifier.Classify(e, stream, store.Location, obj.Key, stop));
        }
    }

    /// <summary>
    /// Some corrupt files make the decoder stop early without an error (columns of different lengths);
    /// the row group's own row count in the footer exposes that, so the object fails instead of silently losing rows.
    /// </summary>
    private static void CheckRowCount(ParquetFileHandle file, int rowGroup, long rows)
    {
        using var reader = file.Reader.ParquetReader.RowGroup(rowGroup);
        var declared = reader.MetaData.NumRows;
        if (declared != rows)
        {
            throw new InvalidDataException($"row group {rowGroup} declares {declared} rows but {rows} were decoded");
        }
    }
}
