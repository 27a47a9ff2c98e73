using CqSourceS3.Client.State;
using CqSourceS3.Protocol.Plugin.V3;

namespace CqSourceS3.Plugin.State;

/// <summary>
/// The source spec's <c>backend_options</c> as the CLI forwards them in <c>Sync.Request.backend</c>, after it
/// substituted <c>@@plugins.NAME.connection</c> with the backend destination's address.
/// </summary>
/// <param name="Connection"><c>host:port</c>, or <c>unix:///abs/path.sock</c> for a backend the CLI spawned.</param>
/// <param name="TableName">The table in the backend that holds the state rows.</param>
internal sealed record StateBackendOptions(string Connection, string TableName)
{
    /// <summary>The Go SDK's wording, so users find the same answers whichever plugin they run.</summary>
    internal const string IncompleteMessage = "backend_options must contain both connection and table_name";

    /// <summary>
    /// The options of a sync request: <see langword="null"/> when no backend is configured (both fields empty, as
    /// the CLI leaves them without <c>backend_options</c>), like the Go SDK's no-op state client.
    /// </summary>
    /// <exception cref="StateStoreException">Exactly one of the two fields is set.</exception>
    public static StateBackendOptions? From(Sync.Types.BackendOptions? backend)
    {
        var connection = backend?.Connection ?? "";
        var tableName = backend?.TableName ?? "";
        if (connection.Length == 0 && tableName.Length == 0)
        {
            return null;
        }

        if (connection.Length == 0 || tableName.Length == 0)
        {
            throw new StateStoreException(connection, tableName,
                $"{IncompleteMessage} (got connection \"{connection}\", table_name \"{tableName}\")");
        }

        return new StateBackendOptions(connection, tableName);
    }

    /// <summary>Names the backend in messages: where it is and which table holds the state.</summary>
    public override string ToString() => $"state backend \"{Connection}\" (state table \"{TableName}\")";
}
