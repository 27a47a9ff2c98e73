using System.Diagnostics;
using System.Net.Sockets;
using CqSourceS3.Protocol.Discovery.V1;
using CqSourceS3.Protocol.Plugin.V3;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using DiscoveryService = CqSourceS3.Protocol.Discovery.V1.Discovery;
using PluginService = CqSourceS3.Protocol.Plugin.V3.Plugin;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// A CloudQuery-CLI-like client over the plugin's unix socket: the protocol handshake (Discovery.GetVersions), Init
/// with the spec, then either GetTables (discovery) or Sync of every table, decoding each Insert's Arrow IPC stream
/// and counting its rows, as a destination would have to. A MessageError or a decode failure fails the run: a fast
/// wrong sync is no result.
/// </summary>
internal sealed class PluginSyncClient : IDisposable
{
    /// <summary>Above the plugin's 64 MiB batch cap, like the CLI's own limit.</summary>
    private const int MaxMessageBytes = 100 * 1024 * 1024;

    /// <summary>Plugin.Sync with the bench's own response reader in place of the generated message parser.</summary>
    private static readonly Method<Sync.Types.Request, SyncResponseSummary> SyncMethod = new(
        MethodType.ServerStreaming,
        PluginService.Descriptor.FullName,
        "Sync",
        Marshallers.Create(static (Sync.Types.Request request) => request.ToByteArray(), Sync.Types.Request.Parser.ParseFrom),
        SyncResponseReader.Marshaller);

    /// <summary>What the CLI sends for <c>tables: ["*"]</c>, the bench's every sync.</summary>
    public static readonly IReadOnlyList<string> AllTables = ["*"];

    private readonly GrpcChannel _channel;
    private readonly PluginService.PluginClient _client;

    private PluginSyncClient(string socketPath)
    {
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
            HttpHandler = new SocketsHttpHandler { ConnectCallback = (_, token) => ConnectSocketAsync(socketPath, token) },
        });
        _client = new PluginService.PluginClient(_channel);
    }

    /// <summary>
    /// Connects and makes the CLI's first call to every plugin it starts, Discovery.GetVersions, which must offer
    /// protocol 3. Scenarios connect before their timed span, as the CLI does before Init.
    /// </summary>
    public static async Task<PluginSyncClient> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var client = new PluginSyncClient(socketPath);
        try
        {
            var response = await new DiscoveryService.DiscoveryClient(client._channel).GetVersionsAsync(new GetVersions.Types.Request(), cancellationToken: cancellationToken);
            return response.Versions.Contains(3)
                ? client
                : throw new InvalidOperationException($"the plugin offers protocol versions [{string.Join(", ", response.Versions)}], not 3");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task InitAsync(string specJson, CancellationToken cancellationToken) =>
        await _client.InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8(specJson) }, cancellationToken: cancellationToken);

    /// <summary>GetTables for every table; returns how many tables the plugin discovered.</summary>
    public async Task<int> GetTablesAsync(CancellationToken cancellationToken)
    {
        var response = await _client.GetTablesAsync(new GetTables.Types.Request { Tables = { "*" } }, cancellationToken: cancellationToken);
        return response.Tables.Count;
    }

    /// <summary>
    /// Syncs every table: decodes every Insert as it arrives (see <see cref="SyncResponseReader"/>), counting its
    /// rows and summing its ids, so a lost, repeated or garbled row fails the run's check.
    /// </summary>
    public Task<SyncTally> SyncAsync(CancellationToken cancellationToken) => SyncAsync(shard: null, cancellationToken);

    /// <summary>
    /// The same sync of one <paramref name="shard"/> (null: all of it), sent in <c>Sync.Request.shard</c> as
    /// <c>cloudquery sync --shard N/M</c> sends it.
    /// </summary>
    public Task<SyncTally> SyncAsync(Sync.Types.Request.Types.Shard? shard, CancellationToken cancellationToken) =>
        SyncAsync(shard, AllTables, pacing: null, cancellationToken);

    /// <summary>
    /// The sync of the <paramref name="tables"/> patterns (an empty list selects none: the plugin lists and sends
    /// nothing), read at the speed <paramref name="pacing"/> allows (null: as fast as the client decodes).
    /// </summary>
    public async Task<SyncTally> SyncAsync(Sync.Types.Request.Types.Shard? shard, IReadOnlyList<string> tables, ReadPacing? pacing, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var request = new Sync.Types.Request { Tables = { tables }, WithErrorMessages = true, Shard = shard };
        using var call = _channel.CreateCallInvoker().AsyncServerStreamingCall(SyncMethod, null, new CallOptions(cancellationToken: cancellationToken), request);
        long rows = 0, idSum = 0, inserts = 0, migrations = 0, ipcBytes = 0;
        pacing?.Start();
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (pacing is not null)
            {
                await pacing.AfterMessageAsync(cancellationToken).ConfigureAwait(false);
            }

            switch (response.Kind)
            {
                case SyncResponseKind.Insert:
                    rows += response.Rows;
                    idSum += response.IdSum;
                    ipcBytes += response.IpcBytes;
                    inserts++;
                    break;
                case SyncResponseKind.MigrateTable:
                    migrations++;
                    break;
                case SyncResponseKind.Error:
                    throw new InvalidOperationException(response.Error);
                default:
                    break;
            }
        }

        return new SyncTally(rows, idSum, inserts, migrations, ipcBytes, clock.Elapsed);
    }

    public void Dispose() => _channel.Dispose();

    private static async ValueTask<Stream> ConnectSocketAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>
/// What one Sync delivered: decoded rows and the sum of their ids, message counts, Arrow IPC bytes and the Sync
/// call's duration; the caller adds the client's CPU seconds over its timed span.
/// </summary>
internal sealed record SyncTally(long Rows, long IdSum, long Inserts, long Migrations, long IpcBytes, TimeSpan Elapsed)
{
    public double? ClientCpuSeconds { get; init; }
}
