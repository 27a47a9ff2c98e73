using CqSourceS3.Client;
using CqSourceS3.Client.Sharding;
using Grpc.Core;

namespace CqSourceS3.Plugin.Protocol;

/// <summary>
/// gRPC status codes are chosen here and only here. An expected failure (<see cref="SourceException"/>) gets what the
/// Go SDK returns for the same call (Init and GetTables: Internal with a "failed to …" prefix; Sync and Close:
/// Unknown), except a request that can never be served (an impossible shard: InvalidArgument, so a client knows not
/// to retry it); anything else is unexpected and always Internal, its type and message kept (secrets scrubbed).
/// </summary>
internal static class RpcErrors
{
    /// <summary>The status for <paramref name="error"/>, thrown by the RPC named <paramref name="rpc"/>.</summary>
    public static RpcException For(string rpc, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (code, prefix) = rpc switch
        {
            "Init" => (StatusCode.Internal, "failed to init plugin"),
            "GetTables" => (StatusCode.Internal, "failed to get tables"),
            "Sync" => (StatusCode.Unknown, "failed to sync records"),
            "Close" => (StatusCode.Unknown, "failed to close plugin"),
            _ => (StatusCode.Internal, $"{rpc} failed"),
        };
        if (error is InvalidShardException)
        {
            code = StatusCode.InvalidArgument;
        }

        return error is SourceException
            ? new RpcException(new Status(code, $"{prefix}: {error.Message}"))
            : new RpcException(new Status(StatusCode.Internal, $"{prefix}: {Unexpected(error)}"));
    }

    /// <summary>An unexpected failure in words: its type and first line, secrets scrubbed.</summary>
    public static string Unexpected(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message;
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return $"unexpected {error.GetType().Name}: {SecretText.Scrub((end < 0 ? message : message[..end]).Trim())}";
    }

    /// <summary>Read, Write and the transformer RPCs: we are a source only.</summary>
    public static RpcException NotSupported(string rpc) =>
        new(new Status(StatusCode.Unimplemented, $"{rpc} is not supported: cq-source-s3 is a source plugin (it only syncs)"));
}
