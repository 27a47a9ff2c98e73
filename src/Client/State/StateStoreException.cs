using CqSourceS3.Client;
namespace CqSourceS3.Client.State;

/// <summary>
/// The state backend could not be reached, read or written. Carries the backend's connection string and state
/// table so the message tells the user which <c>backend_options</c> to check; the inner exception keeps the cause.
/// </summary>
public sealed class StateStoreException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.State;

    public StateStoreException(string connection, string tableName, string message, Exception? inner = null)
        : base(message, inner)
    {
        Connection = connection;
        TableName = tableName;
    }

    /// <summary><c>backend_options.connection</c>: <c>host:port</c> or <c>unix:///path.sock</c> (may be empty when misconfigured).</summary>
    public string Connection { get; }

    /// <summary><c>backend_options.table_name</c> (may be empty when misconfigured).</summary>
    public string TableName { get; }
}
