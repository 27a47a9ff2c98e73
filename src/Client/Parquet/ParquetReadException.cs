using CqSourceS3.Client;
namespace CqSourceS3.Client.Parquet;

/// <summary>
/// One Parquet object could not be read. Carries the store location and key, a classified
/// <see cref="ParquetFailure"/> and the decoder's own exception. Store failures are never wrapped in it:
/// they stay <see cref="Storage.StoreException"/>s.
/// </summary>
public sealed class ParquetReadException : ObjectReadException
{
    public ParquetReadException(ParquetFailure failure, string location, string key, string reason, Exception? inner = null)
        : base("Parquet", location, key, reason, inner)
    {
        Failure = failure;
    }

    /// <summary>What kind of failure it was.</summary>
    public ParquetFailure Failure { get; }

    /// <summary>True when the failure says nothing about the bytes: the object must be read again next run.</summary>
    public override bool IsTransient => Failure is ParquetFailure.TimedOut or ParquetFailure.Transient;
}
