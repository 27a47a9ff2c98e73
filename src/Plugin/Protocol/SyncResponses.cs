using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Sync;
using CqSourceS3.Protocol.Plugin.V3;
using Google.Protobuf;

namespace CqSourceS3.Plugin.Protocol;

/// <summary>Maps the client's sync messages to <c>Sync.Response</c>s: Arrow IPC bytes, one batch per Insert.</summary>
internal static class SyncResponses
{
    /// <summary>The Go SDK drops (and logs) a single Sync message larger than this instead of sending it.</summary>
    public const int MaxMessageBytes = 100 * 1024 * 1024;

    public static Sync.Types.Response MigrateTable(MigrateTableMessage message) => new()
    {
        MigrateTable = new Sync.Types.MessageMigrateTable { Table = UnsafeByteOperations.UnsafeWrap(ArrowIpc.EncodeSchema(message.Schema)) },
    };

    /// <summary>
    /// The insert's record, without a copy: the response refers to the message's encoded bytes, so the caller
    /// disposes the message only once the response is written.
    /// </summary>
    public static Sync.Types.Response Insert(InsertMessage message) => new()
    {
        Insert = new Sync.Types.MessageInsert { Record = UnsafeByteOperations.UnsafeWrap(message.EncodedBytes()) },
    };

    /// <summary>One predicate group (AND) of one predicate: <c>column = value</c>, the value in a one-row record.</summary>
    public static Sync.Types.Response DeleteRecord(DeleteRecordMessage message) => new()
    {
        DeleteRecord = new Sync.Types.MessageDeleteRecord
        {
            TableName = message.Table,
            WhereClause =
            {
                new PredicatesGroup
                {
                    GroupingType = PredicatesGroup.Types.GroupingType.And,
                    Predicates =
                    {
                        new Predicate
                        {
                            Operator = Predicate.Types.Operator.Eq,
                            Column = message.Column,
                            Record = UnsafeByteOperations.UnsafeWrap(PredicateRecord.Utf8(message.Column, message.Value)),
                        },
                    },
                },
            },
        },
    };

    public static Sync.Types.Response Error(TableErrorMessage message) => new()
    {
        Error = new Sync.Types.MessageError { TableName = message.Table, Error = message.Error },
    };
}
