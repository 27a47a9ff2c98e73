namespace CqSourceS3.Client.Storage;

/// <summary>
/// A store whose bytes can be read synchronously straight into the caller's memory: a local folder, where a read is a
/// copy out of the page cache. The Parquet reader then reads into the decoder's own buffers, without the pooled array,
/// the second copy, the thread-pool hop and the row-group read-ahead a remote store needs: on a local sync those cost
/// more CPU and first-touched memory than they save (bench/RESULTS.md, issue #21).
/// </summary>
internal interface IDirectRangeReader
{
    /// <summary>
    /// Fills <paramref name="destination"/> with the object's bytes from <paramref name="offset"/>; fails as
    /// <see cref="IObjectStore.OpenRangeAsync"/> does, and with <see cref="EndOfStreamException"/> when the object
    /// is now shorter than that.
    /// </summary>
    void ReadRange(StoredObject obj, long offset, Span<byte> destination, CancellationToken cancellationToken);
}
