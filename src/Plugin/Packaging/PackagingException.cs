using CqSourceS3.Client;
namespace CqSourceS3.Plugin.Packaging;

/// <summary>The inputs of <c>package</c> cannot make a package (bad version, no binaries, no docs); the message says which.</summary>
internal sealed class PackagingException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Configuration;

    public PackagingException(string message)
        : base(message)
    {
    }

    public PackagingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
