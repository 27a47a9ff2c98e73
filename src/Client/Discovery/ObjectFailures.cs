using CqSourceS3.Client.Evolution;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// The one place that decides which per-object failures skip the object (with a warning) and which stop the sync.
/// Decided by exception type and classified failure, never by message text.
/// </summary>
internal static class ObjectFailures
{
    /// <summary>
    /// Skippable: the object is not readable Parquet (or CSV, JSON Lines), is encrypted, holds a value its table's widened column type cannot
    /// hold, timed out, vanished or changed after listing, or
    /// could not be read for a transient reason (its own I/O on this machine or the network, memory, threads).
    /// Not skippable: a missing bucket or denied access: those fail every object alike and must surface as one clear
    /// error (a local file that cannot be read for want of permission is a transient failure of that file).
    /// </summary>
    public static bool IsSkippable(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => false,
        ObjectReadException => true,
        ColumnWideningException => true,
        StoreException store => store.Failure is StoreFailure.ObjectNotFound || IsTransient(store),
        _ => false,
    };

    public static SkippedObject ToSkipped(Exception error, StoredObject obj, string table) => (error switch
    {
        ObjectReadException read => new SkippedObject(obj.Key, table, read.Message, read.IsTransient),
        StoreException store => new SkippedObject(obj.Key, table, store.Message, IsTransient(store)),
        // The object's own values do not fit the table's widened type: reading it again gives the same answer.
        ColumnWideningException widening => new SkippedObject(obj.Key, table, widening.Message, Transient: false),
        _ => new SkippedObject(obj.Key, table, error.Message, Transient: true),
    }) with
    { StoredObject = obj };

    /// <summary>
    /// A store failure that says nothing about the object's bytes: throttling, a failed connection, an unknown
    /// error. A deleted object (or one rewritten since listing) is not: the next listing shows what is there.
    /// </summary>
    private static bool IsTransient(StoreException store) =>
        store.Failure is StoreFailure.Transient or StoreFailure.Unreachable or StoreFailure.Unknown;
}
