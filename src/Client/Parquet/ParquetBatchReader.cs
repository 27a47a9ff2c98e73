using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Apache.Arrow;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Streams a Parquet object as normalized Arrow record batches, one row group at a time, each batch at most
/// <c>maxRowsPerBatch</c> rows and owned (to be disposed) by the caller.
/// </summary>
/// <remarks>
/// Decoding runs on a dedicated thread that hands batches over through a one-slot channel, so at most three
/// batches of an object exist at once (one with the caller, one waiting, one being decoded), plus the read-ahead
/// block and the pre-buffered column chunks of the current row group. The caller's total waiting time for one
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
        var channel = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(1) { SingleWriter = true });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<bool> producer;
        try
        {
            producer = DedicatedThread.Run("parquet-decode", () => Produce(store, obj, maxRowsPerBatch, channel, stop.Token));
        }
        catch (ThreadUnavailableException e)
        {
            stop.Dispose();
            throw ParquetFailureClassifier.Classify(e, null, store.Location, obj.Key, cancellationToken);
        }

        var remaining = _options.ObjectTimeout;
        try
        {
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                var more = await WaitForBatchAsync(channel.Reader, remaining, store.Location, obj.Key, cancellationToken).ConfigureAwait(false);
                remaining -= Stopwatch.GetElapsedTime(started);
                if (!more)
                {
                    // Completion carries the decode thread's (already classified) failure, if any.
                    await channel.Reader.Completion.ConfigureAwait(false);
                    yield break;
                }

                while (TryTake(channel.Reader, cancellationToken, out var batch))
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            DisposeLeftovers(channel.Reader);
            if (producer.IsCompleted)
            {
                // An abandoned or still-stopping decode thread may observe the token later; leave that one to the GC.
                stop.Dispose();
            }
        }
    }

    /// <summary>Takes a waiting batch unless the caller has cancelled meanwhile (then the batch is left for disposal).</summary>
    private static bool TryTake(ChannelReader<RecordBatch> reader, CancellationToken cancellationToken, out RecordBatch batch)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return reader.TryRead(out batch!);
    }

    private async Task<bool> WaitForBatchAsync(
        ChannelReader<RecordBatch> reader, TimeSpan remaining, string location, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken).AsTask()
                .WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw ParquetFailureClassifier.TimedOut(_options.ObjectTimeout, location, key);
        }
    }

    private bool Produce(IObjectStore store, StoredObject obj, int maxRowsPerBatch, Channel<RecordBatch> channel, CancellationToken stop)
    {
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
                    Hand(channel.Writer, batch, stop);
                }

                CheckRowCount(file, rowGroup, rows);
            }

            channel.Writer.TryComplete();
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(ParquetFailureClassifier.Classify(e, stream, store.Location, obj.Key, stop));
        }
        finally
        {
            if (stop.IsCancellationRequested)
            {
                DisposeLeftovers(channel.Reader);
            }
        }

        return true;
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

    private static void Hand(ChannelWriter<RecordBatch> writer, RecordBatch batch, CancellationToken stop)
    {
        try
        {
            writer.WriteAsync(batch, stop).AsTask().GetAwaiter().GetResult();
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    private static void DisposeLeftovers(ChannelReader<RecordBatch> reader)
    {
        while (reader.TryRead(out var batch))
        {
            batch.Dispose();
        }
    }
}
