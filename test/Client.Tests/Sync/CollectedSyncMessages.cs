using Apache.Arrow;
using CqSourceS3.Client.Sync;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Sync;

/// <summary>One Insert as the test saw it, captured as text before the record was disposed.</summary>
/// <param name="Table">The table the insert is for.</param>
/// <param name="Schema">The record's schema instance.</param>
/// <param name="DataRows">Each row's data columns (all but <c>_cq_id</c> and <c>_cq_parent_id</c>) as text.</param>
/// <param name="Ids">Each row's <c>_cq_id</c> as text.</param>
internal sealed record SeenInsert(string Table, Schema Schema, IReadOnlyList<string> DataRows, IReadOnlyList<string> Ids);

/// <summary>
/// The messages one in-process sync run yielded, collected in order, with each Insert turned into text and disposed
/// at once, as the gRPC writer would dispose it after encoding. (The Plugin tests' <c>DecodedSyncResponses</c> is the
/// same run seen from the other side of a Sync RPC.)
/// </summary>
internal sealed class CollectedSyncMessages
{
    /// <summary>Each message as <c>kind:table</c>, in order: <c>migrate:</c>, <c>insert:</c>, <c>error:</c>, or <c>delete:table:key</c>.</summary>
    public List<string> Order { get; } = [];

    public List<MigrateTableMessage> Migrations { get; } = [];

    public List<TableErrorMessage> Errors { get; } = [];

    public List<SeenInsert> Inserts { get; } = [];

    /// <summary>Each DeleteRecord as (table, column, value).</summary>
    public List<DeleteRecordMessage> Deletes { get; } = [];

    /// <summary>
    /// Runs <paramref name="run"/> under the commit rule (<see cref="SyncRun.ExecuteAsync"/>): the cursors are stored
    /// only after every message was taken. <paramref name="onMessage"/> sees each message first.
    /// </summary>
    public static async Task<CollectedSyncMessages> ExecuteAsync(SyncRun run, Action<SyncMessage>? onMessage = null)
    {
        var collected = new CollectedSyncMessages();
        await run.ExecuteAsync((message, _) =>
        {
            onMessage?.Invoke(message);
            collected.Add(message);
            return ValueTask.CompletedTask;
        }, beforeCommit: null, CancellationToken.None);
        return collected;
    }

    /// <summary>Runs <paramref name="messages"/> to the end; <paramref name="onMessage"/> sees each message first.</summary>
    public static async Task<CollectedSyncMessages> CollectAsync(IAsyncEnumerable<SyncMessage> messages, Action<SyncMessage>? onMessage = null)
    {
        var collected = new CollectedSyncMessages();
        await foreach (var message in messages)
        {
            onMessage?.Invoke(message);
            collected.Add(message);
        }

        return collected;
    }

    /// <summary>The data rows of <paramref name="table"/>, in the order they arrived.</summary>
    public IEnumerable<string> RowsOf(string table) => Inserts.Where(i => i.Table == table).SelectMany(i => i.DataRows);

    private void Add(SyncMessage message)
    {
        switch (message)
        {
            case MigrateTableMessage migrate:
                Order.Add("migrate:" + migrate.Table);
                Migrations.Add(migrate);
                break;
            case DeleteRecordMessage delete:
                Order.Add($"delete:{delete.Table}:{delete.Value}");
                Deletes.Add(delete);
                break;
            case TableErrorMessage error:
                Order.Add("error:" + error.Table);
                Errors.Add(error);
                break;
            case InsertMessage insert:
                using (insert)
                {
                    Order.Add("insert:" + insert.Table);
                    var ids = Enumerable.Range(0, insert.Record.Length).Select(r => ArrowValueFormatter.Format(insert.Record.Column(0), r)).ToList();
                    Inserts.Add(new SeenInsert(insert.Table, insert.Record.Schema, [.. ArrowValueFormatter.DataRows(insert.Record)], ids));
                }

                break;
            default:
                throw new InvalidOperationException($"unexpected message {message}");
        }
    }
}
