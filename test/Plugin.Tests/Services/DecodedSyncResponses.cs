using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Protocol.Plugin.V3;
using Grpc.Core;
using PluginClient = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginClient;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>
/// Every response one Sync RPC streamed, decoded from the Arrow IPC bytes on the wire: migrations as schemas, inserts
/// as record batches (disposed with this object), and errors.
/// </summary>
internal sealed class DecodedSyncResponses : IDisposable
{
    /// <summary>Message kinds in arrival order: "migrate", "insert", "error", or "delete:&lt;value&gt;".</summary>
    public List<string> Order { get; } = [];

    public List<Schema> Migrations { get; } = [];

    /// <summary>Each insert decoded; <see cref="BatchesPerInsert"/> says how many batches its stream held.</summary>
    public List<RecordBatch> Inserts { get; } = [];

    public List<int> BatchesPerInsert { get; } = [];

    public List<Sync.Types.MessageError> Errors { get; } = [];

    /// <summary>Each DeleteRecord, its one predicate decoded: table, column, operator and the value read from the predicate's one-row record.</summary>
    public List<DecodedDelete> Deletes { get; } = [];

    public static async Task<DecodedSyncResponses> RunAsync(PluginClient client, Sync.Types.Request request)
    {
        var responses = new DecodedSyncResponses();
        await responses.ReceiveAsync(client, request);
        return responses;
    }

    /// <summary>A sync expected to fail: what arrived before the failure, and the failure (null if it did not fail).</summary>
    public static async Task<(DecodedSyncResponses Responses, RpcException? Failure)> RunUntilFailureAsync(PluginClient client, Sync.Types.Request request)
    {
        var responses = new DecodedSyncResponses();
        try
        {
            await responses.ReceiveAsync(client, request);
            return (responses, null);
        }
        catch (RpcException e)
        {
            return (responses, e);
        }
    }

    private async Task ReceiveAsync(PluginClient client, Sync.Types.Request request)
    {
        var responses = this;
        using var call = client.Sync(request);
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            switch (response.MessageCase)
            {
                case Sync.Types.Response.MessageOneofCase.MigrateTable:
                    responses.Order.Add("migrate");
                    responses.Migrations.Add(ArrowIpc.DecodeSchema(response.MigrateTable.Table.Memory));
                    break;
                case Sync.Types.Response.MessageOneofCase.Insert:
                    responses.Order.Add("insert");
                    var batches = ArrowIpc.DecodeBatches(response.Insert.Record.Memory);
                    responses.BatchesPerInsert.Add(batches.Count);
                    responses.Inserts.AddRange(batches);
                    break;
                case Sync.Types.Response.MessageOneofCase.DeleteRecord:
                    var delete = DecodedDelete.Of(response.DeleteRecord);
                    responses.Order.Add($"delete:{delete.Value}");
                    responses.Deletes.Add(delete);
                    break;
                case Sync.Types.Response.MessageOneofCase.Error:
                    responses.Order.Add("error");
                    responses.Errors.Add(response.Error);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected message {response.MessageCase}");
            }
        }

    }

    public static string TableOf(Schema schema) => schema.Metadata["cq:table_name"];

    public IEnumerable<RecordBatch> InsertsOf(string table) => Inserts.Where(i => TableOf(i.Schema) == table);

    public void Dispose()
    {
        foreach (var insert in Inserts)
        {
            insert.Dispose();
        }
    }
}
