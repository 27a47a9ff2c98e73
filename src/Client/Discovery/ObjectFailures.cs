using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// The one place that decides which per-object failures skip the object (with a warning) and which stop the sync.
/// Decided by exception type and classified failure, never by message text.
/// </summary>
internal static class ObjectFailures
{
    /// <summary>
    /// Skippable: the object is not readable Parquet, is encrypted, timed out, or vanished/changed after listing.
    /// Not skippable: a missing bucket, denied access, an unreachable endpoint — those fail every object alike and
    /// must surface as one clear error.
    /// </summary>
    public static bool IsSkippable(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => false,
        ParquetReadException => true,
        StoreException store => store.Failure is StoreFailure.ObjectNotFound or StoreFailure.Transient,
        _ => false,
    };

    public static SkippedObject ToSkipped(Exception error, StoredObject obj, string table) => (error switch
    {
        ParquetReadException parquet => new SkippedObject(obj.Key, table, parquet.Message, parquet.Failure == ParquetFailure.TimedOut),
        StoreException store => new SkippedObject(obj.Key, table, store.Message, store.Failure == StoreFailure.Transient),
        _ => new SkippedObject(obj.Key, table, error.Message, Transient: false),
    }) with
    { StoredObject = obj };
}
