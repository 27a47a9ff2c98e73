using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Apache.Arrow;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// Reads CSV and JSON Lines objects: discovery infers a schema from the first range of the object (a few hundred
/// KiB for a thousand rows, whatever the object's size), a sync streams the whole object in one request through the
/// decompressor into the parser.
/// </summary>
/// <remarks>
/// Parsing is synchronous and blocks on the store's stream, so it runs on a dedicated thread, as Parquet decoding
/// does, and hands batches over through a one-slot channel: at most three batches of an object exist at once. Unlike
/// the native decoder, the parser is managed code that honours cancellation, so no time limit abandons it.
/// </remarks>
internal sealed class TextObjectReader(TextReadSettings settings)
{
    /// <summary>Infers the schema of <paramref name="obj"/> from its first rows.</summary>
    public async Task<ObjectFileInfo> DescribeAsync(IObjectStore store, StoredObject obj, ObjectExtension extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(obj);
        var parser = TextParser.For(extension, settings);
        try
        {
            return await DedicatedThread.Run("text-infer", () =>
            {
                using var raw = new PrefixRangeStream(store, obj, cancellationToken);
                using var text = TextDecompression.Open(raw, extension.Compression);
                var inference = parser.Infer(text, cancellationToken);
                return new ObjectFileInfo(obj, inference.Schema, inference.RowsRead, RowGroupCount: 1)
                {
                    Text = new TextFacts(extension.Format, extension.Compression, settings.FingerprintOf(extension), inference.ReachedEnd),
                };
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw TextFailureClassifier.Classify(e, parser.Name, store.Location, obj.Key);
        }
    }

    /// <summary>Reads every row of <paramref name="file"/> in batches of its discovered schema, at most <paramref name="maxRowsPerBatch"/> rows each.</summary>
    public async IAsyncEnumerable<RecordBatch> ReadAsync(
        IObjectStore store, ObjectFileInfo file, int maxRowsPerBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(file);
        var obj = file.StoredObject;
        if (!ObjectExtension.TryOf(obj.Key, out var extension) || extension.Format == ObjectFormats.Parquet)
        {
            throw new ArgumentException($"'{obj.Key}' is not a text object", nameof(file));
        }

        var parser = TextParser.For(extension, settings);
        var channel = Channel.CreateBounded<RecordBatch>(new BoundedChannelOptions(1) { SingleWriter = true, SingleReader = true });
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<bool> producer;
        try
        {
            var raw = obj.Size == 0 ? Stream.Null : await store.OpenRangeAsync(obj, 0, obj.Size, cancellationToken).ConfigureAwait(false);
            producer = DedicatedThread.Run("text-parse", () => Produce(raw, extension, parser, file.Schema, maxRowsPerBatch, channel.Writer, stop.Token));
        }
        catch (Exception e)
        {
            stop.Dispose();
            throw TextFailureClassifier.Classify(e, parser.Name, store.Location, obj.Key);
        }

        try
        {
            while (await WaitAsync(channel.Reader, parser.Name, store.Location, obj.Key, cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            // The producer stops at its next batch or read and disposes its stream; what it handed over but was not
            // taken is disposed here. A producer still blocked in a read may observe the token later, so the token
            // source is left to the GC in that case rather than disposed under it.
            await stop.CancelAsync().ConfigureAwait(false);
            while (channel.Reader.TryRead(out var left))
            {
                left.Dispose();
            }

            if (producer.IsCompleted)
            {
                stop.Dispose();
            }
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<RecordBatch> reader, string format, string location, string key, CancellationToken cancellationToken)
    {
        try
        {
            if (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            // Completion carries the parser's failure, if any.
            await reader.Completion.ConfigureAwait(false);
            return false;
        }
        catch (Exception e)
        {
            throw TextFailureClassifier.Classify(e, format, location, key);
        }
    }

    private static bool Produce(
        Stream raw, ObjectExtension extension, TextParser parser, Schema schema, int maxRowsPerBatch, ChannelWriter<RecordBatch> writer, CancellationToken stop)
    {
        try
        {
            using var text = TextDecompression.Open(raw, extension.Compression);
            foreach (var batch in parser.Read(text, schema, maxRowsPerBatch, stop))
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

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
        finally
        {
            raw.Dispose();
        }

        return true;
    }
}
