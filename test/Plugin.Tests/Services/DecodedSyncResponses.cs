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
    /// <summary>Message kinds in arrival order: "migrate", "insert", "error".</summary>
    public List<string> Order { get; } = [];

    public List<Schema> Migrations { get; } = [];

    /// <summary>Each insert decoded; <see cref="BatchesPerInsert"/> says how many batches its stream held.</summary>
    public List<RecordBatch> Inserts { get; } = [];

    public List<int> BatchesPerInsert { get; } = [];

    public List<Sync.Types.MessageError> Errors { get; } = [];

    public static async Task<DecodedSyncResponses> RunAsync(PluginClient client, Sync.Types.Request request)
    {
        var responses = new DecodedSyncResponses();
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
                case Sync.Types.Response.MessageOneofCase.Error:
                    responses.Order.Add("error");
                    responses.Errors.Add(response.Error);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected message {response.MessageCase}");
            }
        }

        return responses;
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
