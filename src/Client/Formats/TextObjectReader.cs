using System.Runtime.CompilerServices;
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
/// does, and hands batches over through a one-slot channel (a <see cref="BatchPump"/>): at most three batches of an
/// object exist at once. Unlike the native decoder, the parser is managed code that honours cancellation, so no time
/// limit abandons it.
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
        BatchPump pump;
        Stream? raw = null;
        try
        {
            raw = obj.Size == 0 ? Stream.Null : await store.OpenRangeAsync(obj, 0, obj.Size, cancellationToken).ConfigureAwait(false);
            var opened = raw;
            pump = BatchPump.Start("text-parse", handoff => Produce(opened, extension, parser, file.Schema, maxRowsPerBatch, handoff), cancellationToken);
        }
        catch (Exception e)
        {
            // No parser thread owns the response yet (none could be started): close it here, not at some later GC.
            if (raw is not null)
            {
                await raw.DisposeAsync().ConfigureAwait(false);
            }

            throw TextFailureClassifier.Classify(e, parser.Name, store.Location, obj.Key);
        }

        // Leaving early (the caller stopped, or a failure) disposes the pump: the parser stops at its next batch or
        // read and disposes its stream; what it handed over but was not taken is disposed with the pump.
        await using (pump.ConfigureAwait(false))
        {
            while (await WaitAsync(pump, parser.Name, store.Location, obj.Key, cancellationToken).ConfigureAwait(false))
            {
                while (pump.TryRead(out var batch))
                {
                    yield return batch;
                }
            }
        }
    }

    private static async Task<bool> WaitAsync(BatchPump pump, string format, string location, string key, CancellationToken cancellationToken)
    {
        try
        {
            if (await pump.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            // Completion carries the parser's failure, if any.
            await pump.Completion.ConfigureAwait(false);
            return false;
        }
        catch (Exception e)
        {
            throw TextFailureClassifier.Classify(e, format, location, key);
        }
    }

    private static void Produce(Stream raw, ObjectExtension extension, TextParser parser, Schema schema, int maxRowsPerBatch, BatchHandoff handoff)
    {
        try
        {
            using var text = TextDecompression.Open(raw, extension.Compression);
            foreach (var batch in parser.Read(text, schema, maxRowsPerBatch, handoff.Stop))
            {
                handoff.Hand(batch);
            }

            handoff.Complete();
        }
        catch (Exception e)
        {
            handoff.Fail(e);
        }
        finally
        {
            raw.Dispose();
        }
    }
}
