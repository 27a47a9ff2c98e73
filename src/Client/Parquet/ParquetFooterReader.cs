using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// Reads only the footer of a Parquet object: one small ranged read for the leading magic bytes and one for the
/// footer window (more only when the metadata is larger than the window), never the data pages. Schema discovery
/// of a 400 MB object costs kilobytes. The read runs on a dedicated thread under the per-object time limit.
/// </summary>
internal sealed class ParquetFooterReader(ParquetReadOptions options)
{
    private readonly ParquetReadOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>
    /// Reads the footer of <paramref name="obj"/>. Throws <see cref="ParquetReadException"/> for anything that is
    /// not a readable, unencrypted Parquet file or that times out; <see cref="StoreException"/> unchanged.
    /// </summary>
    public async Task<ObjectFileInfo> ReadAsync(IObjectStore store, StoredObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(obj);
        var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ObjectFileInfo> work;
        try
        {
            work = DedicatedThread.Run("parquet-footer", () =>
            {
                using var file = ParquetFileHandle.Open(store, obj, _options, maxRowsPerBatch: null, onStream: null, abandon.Token);
                return file.Describe(obj);
            });
        }
        catch (ThreadUnavailableException e)
        {
            abandon.Dispose();
            throw ParquetFailureClassifier.Classify(e, null, store.Location, obj.Key, cancellationToken);
        }

        try
        {
            var info = await work.WaitAsync(_options.ObjectTimeout, cancellationToken).ConfigureAwait(false);
            abandon.Dispose();
            return info;
        }
        catch (TimeoutException)
        {
            // The thread may be stuck in native code: cancel its store reads and leave it; the token source stays
            // undisposed because the abandoned thread may still observe it.
            await abandon.CancelAsync().ConfigureAwait(false);
            throw ParquetFailureClassifier.TimedOut(_options.ObjectTimeout, store.Location, obj.Key);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await abandon.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
