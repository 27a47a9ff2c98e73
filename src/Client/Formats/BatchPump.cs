using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Apache.Arrow;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// Runs a producer of record batches on a dedicated thread (see <see cref="DedicatedThread"/>) and hands its batches
/// to an async consumer through a one-slot channel, so at most three batches of an object exist at once: one with the
/// consumer, one waiting, one being made. The object readers run their blocking work (parsing a stream, native
/// decoding) as the producer and keep their own rules for waiting (a time limit, failure classification).
/// </summary>
/// <remarks>
/// Disposing stops the producer through <see cref="BatchHandoff.Stop"/> and disposes the batches still waiting, without
/// waiting for the producer: one stuck in a read or spinning in native code is abandoned. A stopped producer disposes
/// the batch it could not hand over and any batch that slipped into the channel after the consumer's last look, so no
/// batch is left to the garbage collector.
/// </remarks>
internal sealed class BatchPump : IAsyncDisposable
{
    // Not SingleReader: a stopped producer takes out what it handed over too late, alongside the consumer.
    private readonly Channel<RecordBatch> _channel = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(1) { SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task<bool> _producer;
    private bool _disposed;

    private BatchPump(string threadName, Action<BatchHandoff> produce, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var handoff = new BatchHandoff(_channel.Writer, _stop.Token);
        try
        {
            _producer = DedicatedThread.Run(threadName, () => Run(produce, handoff));
        }
        catch
        {
            _stop.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Completes once the producer has returned and disposed what it left behind. Nothing here waits for it (an
    /// abandoned producer may never return); it lets a test see that everything was disposed.
    /// </summary>
    public Task ProducerStopped => _producer;

    /// <summary>Completes when the producer has ended the object and every batch was taken; faults with the producer's failure.</summary>
    public Task Completion => _channel.Reader.Completion;

    /// <summary>
    /// Starts <paramref name="produce"/> on a new thread named <paramref name="threadName"/>. It hands its batches to
    /// its <see cref="BatchHandoff"/>; returning ends the object, throwing fails it with the exception thrown.
    /// <paramref name="cancellationToken"/> stops it as disposing the pump does.
    /// </summary>
    /// <exception cref="ThreadUnavailableException">The thread could not be started; nothing ran.</exception>
    public static BatchPump Start(string threadName, Action<BatchHandoff> produce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(produce);
        return new BatchPump(threadName, produce, cancellationToken);
    }

    /// <summary>True when a batch is waiting, false once the object ended; throws the producer's failure.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the waiting batch, if any; it is then the caller's to dispose.</summary>
    public bool TryRead([MaybeNullWhen(false)] out RecordBatch batch) => _channel.Reader.TryRead(out batch);

    /// <summary>Stops the producer and disposes the batches still waiting; does not wait for the producer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        DisposeWaiting(_channel.Reader);
        if (_producer.IsCompleted)
        {
            // A producer still stopping (or abandoned) may observe the token later; leave that one to the GC.
            _stop.Dispose();
        }
    }

    private static void DisposeWaiting(ChannelReader<RecordBatch> reader)
    {
        while (reader.TryRead(out var batch))
        {
            batch.Dispose();
        }
    }

    private bool Run(Action<BatchHandoff> produce, BatchHandoff handoff)
    {
        try
        {
            produce(handoff);
            handoff.Complete();
        }
        catch (Exception e)
        {
            handoff.Fail(e);
        }
        finally
        {
            // The consumer may have looked for the last time just before this producer's last batch went in.
            if (handoff.Stop.IsCancellationRequested)
            {
                DisposeWaiting(_channel.Reader);
            }
        }

        return true;
    }
}
