using System.Threading.Channels;
using Apache.Arrow;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// The producer's side of a <see cref="BatchPump"/>: hands batches to the consumer one at a time and ends the object.
/// Used on the producer's own thread only, so handing over blocks that thread, never the consumer.
/// </summary>
internal sealed class BatchHandoff
{
    private readonly ChannelWriter<RecordBatch> _writer;

    internal BatchHandoff(ChannelWriter<RecordBatch> writer, CancellationToken stop)
    {
        _writer = writer;
        Stop = stop;
    }

    /// <summary>Requested when the consumer stops (it cancelled, failed or left early): the producer stops at its next batch or read.</summary>
    public CancellationToken Stop { get; }

    /// <summary>
    /// Waits until the consumer has room for <paramref name="batch"/>, which is then the consumer's to dispose. When the
    /// consumer stops first, disposes <paramref name="batch"/> and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Hand(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            _writer.WriteAsync(batch, Stop).AsTask().GetAwaiter().GetResult();
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Ends the object: the consumer sees the end once it has taken every batch. A producer may call it before it
    /// releases what it holds; returning ends the object too.
    /// </summary>
    public void Complete() => _writer.TryComplete();

    /// <summary>Ends the object with <paramref name="failure"/>, which the consumer's next wait throws.</summary>
    public void Fail(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _writer.TryComplete(failure);
    }
}
