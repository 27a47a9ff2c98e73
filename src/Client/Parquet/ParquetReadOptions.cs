namespace CqSourceS3.Client.Parquet;

/// <summary>How Parquet objects are fetched and decoded.</summary>
/// <param name="ReadAheadBytes">
/// Size of the read-ahead block of <see cref="RangedObjectStream"/>: small sequential reads are served from it,
/// reads at least this large go to the store as asked. Also the upper bound of the footer window fetched first.
/// </param>
/// <param name="ObjectTimeout">
/// How long one object may keep the caller waiting for the decoder (footer read, or all batches together).
/// Time the caller spends with a batch it already has is not counted, so a slow destination cannot time out a
/// healthy object. Native decoding cannot be interrupted; when the limit passes the decode thread is abandoned.
/// </param>
internal sealed record ParquetReadOptions(int ReadAheadBytes, TimeSpan ObjectTimeout)
{
    /// <summary>The footer window fetched in one ranged read: the decoder's own default footer read size.</summary>
    public const int FooterWindowBytes = 64 * 1024;

    /// <summary>4 MiB read-ahead, five minutes per object.</summary>
    public static ParquetReadOptions Default { get; } = new(4 * 1024 * 1024, TimeSpan.FromMinutes(5));
}
