namespace CqSourceS3.Client;

/// <summary>What kind of failure a <see cref="SourceException"/> is: it decides the command line's exit code.</summary>
public enum FailureKind
{
    /// <summary>The spec or config file cannot be used (exit code 2): fix the configuration.</summary>
    Configuration,

    /// <summary>The request cannot be served as asked (a table pattern that matches nothing).</summary>
    Request,

    /// <summary>The bucket or folder cannot be listed or read (missing, denied, unreachable).</summary>
    Store,

    /// <summary>The incremental state cannot be read or written.</summary>
    State,

    /// <summary>An object's data cannot be used (unreadable Parquet, a schema that does not fit).</summary>
    Data,

    /// <summary>The plugin was called out of order (not initialized, already in use).</summary>
    Plugin,
}

/// <summary>
/// The base of every failure this source expects and words for its user, each naming what it concerns (bucket, key,
/// table, spec field, state key). The edges map it in one place each: the gRPC interceptor to a status, the command
/// line to an exit code. Anything else that reaches an edge is unexpected: logged with its type and reported as such.
/// </summary>
public abstract class SourceException : Exception
{
    protected SourceException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>What kind of failure it is.</summary>
    public abstract FailureKind Kind { get; }
}
