using CqSourceS3.Client.State;
using Grpc.Core;

namespace CqSourceS3.Plugin.State;

/// <summary>
/// Turns what went wrong talking to the state backend into a <see cref="StateStoreException"/> whose message names
/// the backend, the state table, the step and what to check; the raw gRPC status alone ("Error connecting to
/// subchannel.") does not tell a user which setting is wrong.
/// </summary>
internal static class StateBackendErrors
{
    public static StateStoreException FromRpc(StateBackendOptions backend, string step, RpcException e, TimeSpan timeout) =>
        new(backend.Connection, backend.TableName, $"{backend}: {step} failed: {Explain(backend, e, timeout)}", e);

    public static StateStoreException BadData(StateBackendOptions backend, string step, InvalidDataException e) =>
        new(backend.Connection, backend.TableName, $"{backend}: {step} returned data that is not a state table: {e.Message}", e);

    // A connection that breaks while we write surfaces as an IOException from the request stream, before the call
    // has a status to report.
    public static StateStoreException ConnectionLost(StateBackendOptions backend, string step, IOException e) =>
        new(backend.Connection, backend.TableName,
            $"{backend}: {step} failed: the connection broke ({e.InnerException?.Message ?? e.Message}); check that the backend plugin is still running", e);

    public static StateStoreException NoProtocol3(StateBackendOptions backend, IEnumerable<int> versions) =>
        new(backend.Connection, backend.TableName,
            $"{backend}: it supports plugin protocol versions [{string.Join(", ", versions)}] but not 3; please upgrade your state backend plugin");

    public static StateStoreException BadConnection(StateBackendOptions backend, Exception e) =>
        new(backend.Connection, backend.TableName,
            $"{backend}: backend_options.connection is not host:port or unix:///path: {e.Message}", e);

    private static string Explain(StateBackendOptions backend, RpcException e, TimeSpan timeout)
    {
        var detail = Detail(e);
        return e.StatusCode switch
        {
            // .NET reports a missing socket file as "Cannot assign requested address (localhost:80)", which misleads.
            StatusCode.Unavailable when MissingSocket(backend.Connection) is { } path =>
                $"cannot connect: the socket file {path} does not exist; check backend_options.connection and that the backend plugin is running",
            StatusCode.Unavailable =>
                $"cannot connect ({detail}); check backend_options.connection and that the backend plugin is running",
            StatusCode.DeadlineExceeded =>
                $"no answer within {timeout.TotalSeconds:0.#} s; check backend_options.connection and that the backend plugin is running",
            StatusCode.Unimplemented =>
                $"the backend does not implement it ({detail}); the backend must be a destination plugin that supports Read (protocol 3)",
            _ => $"{e.StatusCode}: {detail}",
        };
    }

    private static string? MissingSocket(string connection)
    {
        const string Scheme = "unix://";
        var path = connection.StartsWith(Scheme, StringComparison.Ordinal) ? connection[Scheme.Length..] : null;
        return path is not null && !File.Exists(path) ? path : null;
    }

    // The socket error (e.g. "Connection refused") sits in the debug exception, not in the status detail.
    private static string Detail(RpcException e)
    {
        var cause = e.Status.DebugException?.InnerException?.Message ?? e.Status.DebugException?.Message;
        return cause is null || e.Status.Detail.Contains(cause, StringComparison.Ordinal)
            ? e.Status.Detail
            : $"{e.Status.Detail} {cause}";
    }
}
