using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Protocol.Plugin.V3;
using Grpc.Core;
using PluginClient = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginClient;

namespace CqSourceS3.Plugin.Tests.Services;

/// <summary>Everything one Sync call streamed, decoded from the Arrow IPC bytes on the wire.</summary>
internal sealed class SyncTranscript : IDisposable
{
    /// <summary>Message kinds in arrival order: "migrate", "insert", "error".</summary>
    public List<string> Order { get; } = [];

    public List<Schema> Migrations { get; } = [];

    /// <summary>Each insert decoded; <see cref="BatchesPerInsert"/> says how many batches its stream held.</summary>
    public List<RecordBatch> Inserts { get; } = [];

    public List<int> BatchesPerInsert { get; } = [];

    public List<Sync.Types.MessageError> Errors { get; } = [];

    public static async Task<SyncTranscript> RunAsync(PluginClient client, Sync.Types.Request request)
    {
        var transcript = new SyncTranscript();
        using var call = client.Sync(request);
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            switch (response.MessageCase)
            {
                case Sync.Types.Response.MessageOneofCase.MigrateTable:
                    transcript.Order.Add("migrate");
                    transcript.Migrations.Add(ArrowIpc.DecodeSchema(response.MigrateTable.Table.Memory));
                    break;
                case Sync.Types.Response.MessageOneofCase.Insert:
                    transcript.Order.Add("insert");
                    var batches = ArrowIpc.DecodeBatches(response.Insert.Record.Memory);
                    transcript.BatchesPerInsert.Add(batches.Count);
                    transcript.Inserts.AddRange(batches);
                    break;
                case Sync.Types.Response.MessageOneofCase.Error:
                    transcript.Order.Add("error");
                    transcript.Errors.Add(response.Error);
                    break;
                default:
                    throw new InvalidOperationException($"unexpected message {response.MessageCase}");
            }
        }

        return transcript;
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
