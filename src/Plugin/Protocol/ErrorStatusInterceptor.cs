using CqSourceS3.Client;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace CqSourceS3.Plugin.Protocol;

/// <summary>
/// The one place where an RPC's failure becomes a status and a log line, for every method of every service: an
/// expected failure (<see cref="SourceException"/>) is logged at <c>error</c> with its message, anything else with its
/// type too, and both are returned through <see cref="RpcErrors.For"/>. Without this, an exception no handler
/// caught reached the CLI as grpc-dotnet's opaque "Exception was thrown by handler" and was never logged.
/// </summary>
internal sealed partial class ErrorStatusInterceptor(ILogger<ErrorStatusInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (ShouldMap(e, context))
        {
            throw Map(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (ShouldMap(e, context))
        {
            throw Map(e, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (ShouldMap(e, context))
        {
            throw Map(e, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (ShouldMap(e, context))
        {
            throw Map(e, context);
        }
    }

    /// <summary>A status already chosen passes through, and so does the client's own cancellation.</summary>
    private static bool ShouldMap(Exception error, ServerCallContext context) =>
        error is not RpcException && !(error is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Map(Exception error, ServerCallContext context)
    {
        var rpc = RpcName(context.Method);
        if (error is SourceException)
        {
            LogFailed(logger, rpc, error.Message);
        }
        else
        {
            LogUnexpected(logger, rpc, RpcErrors.Unexpected(error));
        }

        return RpcErrors.For(rpc, error);
    }

    /// <summary><c>/cloudquery.plugin.v3.Plugin/Sync</c> → <c>Sync</c>.</summary>
    private static string RpcName(string method) => method[(method.LastIndexOf('/') + 1)..];

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "{Rpc} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string rpc, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "{Rpc} failed: {Reason}")]
    private static partial void LogUnexpected(ILogger logger, string rpc, string reason);
}
