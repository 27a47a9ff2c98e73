using CqSourceS3.Client.Telemetry;
using CqSourceS3.Plugin.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CqSourceS3.Plugin.Telemetry;

/// <summary>
/// Wraps each Sync in its <c>sync</c> span, the root of the sync's trace (opening the state backend included), and
/// flushes the export when the Sync ends, as the Go SDK's Sync does. It runs outside the error interceptor, so the
/// line that logs a failed Sync still carries the trace id and the span gets the status the CLI sees.
/// </summary>
internal sealed class SyncTracingInterceptor(PluginSession session, TelemetryExport export) : Interceptor
{
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (request is not global::CqSourceS3.Protocol.Plugin.V3.Sync.Types.Request)
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            return;
        }

        try
        {
            using var span = SyncTelemetry.StartSync(session.InvocationId);
            try
            {
                await continuation(request, responseStream, context).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                SyncTelemetry.RecordError(span, new SyncFailedException(e.Status.Detail));
                throw;
            }
        }
        finally
        {
            if (export.Enabled)
            {
                // Flushing blocks until the collector answered (or the timeout): not on the gRPC thread.
                await Task.Run(export.Flush, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
