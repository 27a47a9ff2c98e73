using Microsoft.Extensions.Logging;

namespace CqSourceS3.Client;

/// <summary>
/// Every log event of the client, source-generated with stable EventIds and structured fields. Levels follow how
/// the CloudQuery CLI counts them: <c>warn</c> for a skipped object, <c>error</c> for a failed table or sync.
/// </summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Ignoring {Key}: {Reason}")]
    public static partial void IgnoredObject(ILogger logger, string key, Discovery.IgnoreReason reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Discovered table {Table}: {Objects} objects, {Bytes} bytes, {Rows} rows")]
    public static partial void TableDiscovered(ILogger logger, string table, int objects, long bytes, long rows);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Table {Table} cannot be synced: {Reason}")]
    public static partial void TableFailed(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Skipping object {Key} of table {Table}: {Reason}")]
    public static partial void ObjectSkipped(ILogger logger, string table, string key, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Footer cache: {Entries} objects loaded from {Path}")]
    public static partial void FooterCacheLoaded(ILogger logger, int entries, string path);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Footer cache: {Entries} objects saved to {Path}")]
    public static partial void FooterCacheSaved(ILogger logger, int entries, string path);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Footer cache {Path} not used (footers are read from the objects instead; set footer_cache_dir to a writable folder, or footer_cache: false): {Reason}")]
    public static partial void FooterCacheUnusable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Read {Read} footers, {Cached} taken from the footer cache")]
    public static partial void FootersRead(ILogger logger, int read, int cached);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Syncing {Tables} tables, {Objects} objects, {Bytes} bytes with concurrency {Concurrency}")]
    public static partial void SyncStarting(ILogger logger, int tables, int objects, long bytes, int concurrency);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Sharded sync: {Share}")]
    public static partial void ShardAssigned(ILogger logger, string share);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Mirror of table {Table}: deleting the rows of {Deleted} objects no longer listed, and of {Replaced} objects before reading them again")]
    public static partial void MirrorDeletes(ILogger logger, string table, int deleted, int replaced);

    [LoggerMessage(EventId = 111, Level = LogLevel.Debug, Message = "Read {Key} of table {Table}: {Rows} rows, {Bytes} bytes in {Duration}")]
    public static partial void ObjectRead(ILogger logger, string table, string key, long rows, long bytes, TimeSpan duration);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Sync finished: {Rows} rows from {Objects} objects in {Duration}, {Skipped} objects skipped")]
    public static partial void SyncFinished(ILogger logger, long rows, int objects, TimeSpan duration, int skipped);

    [LoggerMessage(EventId = 114, Level = LogLevel.Information, Message = "Table {Table}: {Objects} new or changed objects to read, {Synced} already synced, {TooYoung} left for the next run (younger than settle_seconds)")]
    public static partial void CursorSelected(ILogger logger, string table, int objects, int synced, int tooYoung);

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "Retrying {Key} of table {Table} (retry {Retry} of {MaxRetries}) after a transient failure: {Reason}")]
    public static partial void ObjectRetrying(ILogger logger, string table, string key, int retry, int maxRetries, string reason);

    [LoggerMessage(EventId = 116, Level = LogLevel.Information, Message = "Sync progress: {Tables} tables, {ObjectsDone}/{ObjectsTotal} objects, {Rows} rows, {Bytes} bytes, {RowsPerSecond} rows/s")]
    public static partial void SyncProgress(ILogger logger, int tables, int objectsDone, int objectsTotal, long rows, long bytes, double rowsPerSecond);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Object {Key} of table {Table}: {Count} rows had a missing or invalid _cq_id and got a new one")]
    public static partial void IdsReplaced(ILogger logger, string table, string key, long count);

    [LoggerMessage(EventId = 117, Level = LogLevel.Error, Message = "Table {Table} stopped (error_policy: fail): object {Key} could not be read: {Reason}")]
    public static partial void TableStopped(ILogger logger, string table, string key, string reason);

    [LoggerMessage(EventId = 119, Level = LogLevel.Warning, Message = "Table {Table}: column {Column} is now {NewType}, but objects already synced had {OldType} (e.g. {Key}); a destination changes a column's type only with migrate_mode: forced, with migrate_mode: safe it refuses the migration")]
    public static partial void ColumnTypeChanged(ILogger logger, string table, string column, string newType, string oldType, string key);

    [LoggerMessage(EventId = 118, Level = LogLevel.Warning, Message = "Reading {Concurrency} objects at once instead of {Requested}: the process may open {Limit} files (ulimit -n) and has {Open} open already; raise the limit to read more at once")]
    public static partial void ConcurrencyLowered(ILogger logger, int requested, int concurrency, long limit, int open);
}
