using CqSourceS3.Client;
namespace CqSourceS3.Client.Parquet;

/// <summary>
/// One Parquet object could not be read. Carries the store location and key, a classified
/// <see cref="ParquetFailure"/> and the decoder's own exception. Store failures are never wrapped in it:
/// they stay <see cref="Storage.StoreException"/>s.
/// </summary>
public sealed class ParquetReadException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Data;

    public ParquetReadException(ParquetFailure failure, string location, string key, string reason, Exception? inner = null)
        : base($"cannot read Parquet object '{key}' in '{location}': {reason}", inner)
    {
        Failure = failure;
        Location = location;
        Key = key;
        Reason = reason;
    }

    /// <summary>What kind of failure it was.</summary>
    public ParquetFailure Failure { get; }

    /// <summary>True when the failure says nothing about the bytes: the object must be read again next run.</summary>
    public bool IsTransient => Failure is ParquetFailure.TimedOut or ParquetFailure.Transient;

    /// <summary><c>s3://bucket</c> or the folder path.</summary>
    public string Location { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The reason alone, without location and key.</summary>
    public string Reason { get; }
}
