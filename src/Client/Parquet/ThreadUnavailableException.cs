using CqSourceS3.Client;
namespace CqSourceS3.Client.Parquet;

/// <summary>
/// A decoding thread could not be started: the process is out of threads, memory or open files. .NET reports that
/// as an OutOfMemoryException from Thread.Start, which would read as a bug of ours; this names it.
/// </summary>
public sealed class ThreadUnavailableException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Data;

    public ThreadUnavailableException()
        : this("a decoding thread could not be started (the process is out of threads, memory or open files)")
    {
    }

    public ThreadUnavailableException(string message)
        : base(message)
    {
    }

    public ThreadUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
