using CqSourceS3.Client;
using CqSourceS3.Client.Spec;
using CqSourceS3.Client.Storage;
using CqSourceS3.Plugin.Hosting;
using CqSourceS3.Plugin.Protocol;
using CqSourceS3.Protocol.Plugin.V3;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PluginBase = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginBase;

namespace CqSourceS3.Plugin.Services;

/// <summary>
/// <c>cloudquery.plugin.v3.Plugin</c>. Each RPC only translates: decode the request, call the session or the
/// client façade, map the answer or the error back.
/// </summary>
internal sealed partial class PluginService(PluginSession session, SourceClientFactory clients, ILogger<PluginService> logger) : PluginBase
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
        try
        {
            await session.InitAsync(request.Spec.Memory, request.NoConnection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SpecException or PluginStateException or StoreException)
        {
            LogInitFailed(logger, e.Message);
            throw RpcErrors.InitFailed(e);
        }

        LogInitialized(logger, session.Client.DescribeLocation(), request.NoConnection, request.InvocationId);
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
        try
        {
            await session.CloseAsync().ConfigureAwait(false);
        }
        catch (PluginStateException e)
        {
            throw RpcErrors.CloseFailed(e);
        }

        return new Close.Types.Response();
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Plugin initialized for {Source} (no_connection={NoConnection}, invocation_id={InvocationId})")]
    private static partial void LogInitialized(ILogger logger, string source, bool noConnection, string invocationId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Init failed: {Reason}")]
    private static partial void LogInitFailed(ILogger logger, string reason);
}
