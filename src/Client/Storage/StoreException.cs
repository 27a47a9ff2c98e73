using CqSourceS3.Client;
namespace CqSourceS3.Client.Storage;

/// <summary>A store operation failed; carries the location (bucket or folder), key and a classified reason.</summary>
public sealed class StoreException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Store;

    public StoreException(StoreFailure failure, string location, string? key, string message, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        Location = location;
        Key = key;
    }

    /// <summary>What kind of failure it was.</summary>
    public StoreFailure Failure { get; }

    /// <summary><c>s3://bucket</c> or the folder path.</summary>
    public string Location { get; }

    /// <summary>The object key, when the failure concerns one object.</summary>
    public string? Key { get; }
}
