using Grpc.Core;

namespace CqSourceS3.Plugin.Protocol;

/// <summary>
/// gRPC status codes are chosen here and only here, matching what the Go SDK returns for the same situation
/// (Init and GetTables failures are Internal with a "failed to …" prefix; a failed Sync is Unknown).
/// </summary>
internal static class RpcErrors
{
    public static RpcException InitFailed(Exception e) => new(new Status(StatusCode.Internal, $"failed to init plugin: {e.Message}"));

    public static RpcException GetTablesFailed(Exception e) => new(new Status(StatusCode.Internal, $"failed to get tables: {e.Message}"));

    public static RpcException SyncFailed(Exception e) => new(new Status(StatusCode.Unknown, $"failed to sync records: {e.Message}"));

    public static RpcException CloseFailed(Exception e) => new(new Status(StatusCode.Unknown, $"failed to close plugin: {e.Message}"));

    /// <summary>Read, Write and the transformer RPCs: we are a source only.</summary>
    public static RpcException NotSupported(string rpc) =>
        new(new Status(StatusCode.Unimplemented, $"{rpc} is not supported: cq-source-s3 is a source plugin (it only syncs)"));
}
