using Apache.Arrow;
using CqSourceS3.Client.Arrow;

namespace CqSourceS3.Client.Sync;

/// <summary>What a sync produces, in order: every MigrateTable first, then deletes (mirror), inserts and table errors.</summary>
public abstract record SyncMessage;

/// <summary>Create or migrate a table in the destination.</summary>
public sealed record MigrateTableMessage(string Table, Schema Schema) : SyncMessage;

/// <summary>
/// Rows for one table, with exactly the table's schema. The receiver owns the message and disposes it once the
/// record's bytes are sent: that frees <see cref="Record"/> and gives the encoded bytes back to their pool.
/// </summary>
public sealed record InsertMessage(string Table, RecordBatch Record) : SyncMessage, IDisposable
{
    private EncodedRecord? _encoded;
    private int _disposed;

    /// <summary>A record whose IPC bytes were already encoded (by a <see cref="RecordStreamEncoder"/>).</summary>
    internal InsertMessage(string table, RecordBatch record, EncodedRecord encoded)
        : this(table, record) => _encoded = encoded;

    /// <summary>
    /// The record as one Arrow IPC stream, valid until the message is disposed. The engine encodes it on the reading
    /// thread before queueing the message, so encoding runs in parallel across objects instead of in the single
    /// gRPC writer loop; a message made without bytes encodes them on first use.
    /// </summary>
    public ReadOnlyMemory<byte> EncodedBytes() => (_encoded ??= EncodedRecord.Wrap(ArrowIpc.EncodeBatch(Record))).Bytes;

    /// <summary>Frees the record and its encoded bytes. Idempotent: whoever is last done with the message may call it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Record.Dispose();
            _encoded?.Dispose();
        }
    }
}

/// <summary>
/// Delete the rows of <paramref name="Table"/> whose <paramref name="Column"/> equals <paramref name="Value"/>
/// (<c>mirror: true</c>: the rows of a rewritten or deleted object, by <c>_source_key</c>).
/// </summary>
public sealed record DeleteRecordMessage(string Table, string Column, string Value) : SyncMessage;

/// <summary>A selected table failed (schema mismatch, name collision…); other tables go on.</summary>
public sealed record TableErrorMessage(string Table, string Error) : SyncMessage;
