using CqSourceS3.Client;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Sync;
using CqSourceS3.Plugin.Hosting;
using CqSourceS3.Plugin.Protocol;
using CqSourceS3.Plugin.State;
using CqSourceS3.Protocol.Plugin.V3;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PluginBase = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginBase;

namespace CqSourceS3.Plugin.Services;

/// <summary>
/// <c>cloudquery.plugin.v3.Plugin</c>. Each RPC only translates: decode the request, call the session or the
/// client façade, map the answer or the error back.
/// </summary>
internal sealed partial class PluginService(PluginSession session, ISourceClientFactory clients, IStateBackend stateBackend, ILogger<PluginService> logger) : PluginBase
{
    /// <summary>A connection check must answer before the CLI gives up on the command.</summary>
    private static readonly TimeSpan ConnectionCheckTimeout = TimeSpan.FromSeconds(30);

    public override Task<GetName.Types.Response> GetName(GetName.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GetName.Types.Response { Name = PluginInfo.Name });

    public override Task<GetVersion.Types.Response> GetVersion(GetVersion.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GetVersion.Types.Response { Version = PluginInfo.Version });

    public override Task<GetSpecSchema.Types.Response> GetSpecSchema(GetSpecSchema.Types.Request request, ServerCallContext context) =>
        Task.FromResult(new GetSpecSchema.Types.Response { JsonSchema = SpecSchema.Json });

    public override async Task<Init.Types.Response> Init(Init.Types.Request request, ServerCallContext context)
    {
        await session.InitAsync(request.Spec.Memory, request.NoConnection, request.InvocationId).ConfigureAwait(false);
        LogInitialized(logger, SourceClient.DescribeLocation(session.Spec), request.NoConnection, request.InvocationId);
        return new Init.Types.Response();
    }

    public override async Task<TestConnection.Types.Response> TestConnection(TestConnection.Types.Request request, ServerCallContext context)
    {
        SourceSpec spec;
        try
        {
            spec = SpecReader.Read(request.Spec.Span);
        }
        catch (SpecException e)
        {
            return TestConnectionResult.Failure(TestConnectionResult.InvalidSpec, e.Message);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(ConnectionCheckTimeout);
        var where = SourceClient.DescribeLocation(spec);
        try
        {
            await using var client = await clients.CreateAsync(spec, timeout.Token).ConfigureAwait(false);
            await client.CheckConnectionAsync(timeout.Token).ConfigureAwait(false);
            return TestConnectionResult.Success();
        }
        catch (StoreException e)
        {
            return TestConnectionResult.Failure(TestConnectionResult.CodeOf(e.Failure), $"{where}: {e.Message}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            return TestConnectionResult.Failure("UNREACHABLE", $"{where}: no answer within {ConnectionCheckTimeout.TotalSeconds:0} s; check endpoint, region and network");
        }
    }

    public override async Task<GetTables.Types.Response> GetTables(GetTables.Types.Request request, ServerCallContext context)
    {
        session.EnsureInitialized();
        var response = new GetTables.Types.Response();
        if (session.NoConnection)
        {
            // Tables come from the bucket; with no_connection (cloudquery migrate/tables) there is nothing to list.
            LogNoConnectionTables(logger);
            return response;
        }

        var tables = await session.Client.GetTablesAsync(request.Tables, request.SkipTables, context.CancellationToken).ConfigureAwait(false);
        response.Tables.AddRange(tables.Select(t => UnsafeByteOperations.UnsafeWrap(ArrowIpc.EncodeSchema(t.Schema))));
        return response;
    }

    public override async Task Sync(Sync.Types.Request request, IServerStreamWriter<Sync.Types.Response> responseStream, ServerCallContext context)
    {
        using var exclusive = session.Enter();
        var client = session.Client;
        // An impossible shard (the CLI checks too, other clients may not) is refused before the backend is even reached.
        var shard = request.Shard is null ? null : SyncShard.Create(request.Shard.Num, request.Shard.Total);
        // Connect the state backend before anything is sent: a broken backend fails the sync with no data moved.
        await using var state = await stateBackend.OpenAsync(request.Backend, context.CancellationToken).ConfigureAwait(false);
        var syncRequest = new SyncRequest(request.Tables, request.SkipTables, request.DeterministicCqId) { Shard = shard };
        var run = client.StartSync(syncRequest, state is NoStateStore ? null : state);
        await run.ExecuteAsync(async (message, cancellationToken) =>
        {
            // An insert's response refers to its pooled bytes: the run frees the message once this write has copied them.
            var response = message switch
            {
                MigrateTableMessage migrate => SyncResponses.MigrateTable(migrate),
                InsertMessage insert => SyncResponses.Insert(insert),
                DeleteRecordMessage delete => SyncResponses.DeleteRecord(delete),
                TableErrorMessage error when request.WithErrorMessages => SyncResponses.Error(error),
                _ => null,
            };
            if (response is not null)
            {
                await responseStream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }, beforeCommit: null, context.CancellationToken).ConfigureAwait(false);
    }

    public override Task Read(Read.Types.Request request, IServerStreamWriter<Read.Types.Response> responseStream, ServerCallContext context) =>
        throw RpcErrors.NotSupported("Read");

    public override Task<Write.Types.Response> Write(IAsyncStreamReader<Write.Types.Request> requestStream, ServerCallContext context) =>
        throw RpcErrors.NotSupported("Write");

    public override Task Transform(IAsyncStreamReader<Transform.Types.Request> requestStream, IServerStreamWriter<Transform.Types.Response> responseStream, ServerCallContext context) =>
        throw RpcErrors.NotSupported("Transform");

    public override Task<TransformSchema.Types.Response> TransformSchema(TransformSchema.Types.Request request, ServerCallContext context) =>
        throw RpcErrors.NotSupported("TransformSchema");

    public override async Task<Close.Types.Response> Close(Close.Types.Request request, ServerCallContext context)
    {
        await session.CloseAsync().ConfigureAwait(false);
        return new Close.Types.Response();
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "GetTables with no_connection: tables come from the bucket, so none are listed")]
    private static partial void LogNoConnectionTables(ILogger logger);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Plugin initialized for {Source} (no_connection={NoConnection}, invocation_id={InvocationId})")]
    private static partial void LogInitialized(ILogger logger, string source, bool noConnection, string invocationId);
}
