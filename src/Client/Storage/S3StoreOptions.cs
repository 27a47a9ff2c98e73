using Amazon.Runtime;

namespace CqSourceS3.Client.Storage;

/// <summary>Where and how to reach one S3 bucket (AWS or an S3-compatible store).</summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Region">The bucket's region; when null it comes from the profile or the environment; with a custom endpoint and none there, <c>us-east-1</c> (on AWS S3, an error).</param>
/// <param name="Endpoint">A custom endpoint URL for S3-compatible stores (MinIO, Swift, LocalStack…); null for AWS.</param>
/// <param name="UsePathStyle">Address the bucket as <c>endpoint/bucket</c> instead of <c>bucket.endpoint</c>.</param>
/// <param name="NoSignRequest">Send anonymous requests (public buckets); no credentials are looked up.</param>
/// <param name="LocalProfile">A named profile from the shared AWS credentials/config files.</param>
public sealed record S3StoreOptions(
    string Bucket,
    string? Region = null,
    string? Endpoint = null,
    bool UsePathStyle = false,
    bool NoSignRequest = false,
    string? LocalProfile = null)
{
    /// <summary>Explicit credentials that win over <see cref="LocalProfile"/> and the default chain (tests, embedding).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>MaxKeys per ListObjectsV2 page; null leaves the server default (1000). Small values exercise paging in tests.</summary>
    internal int? ListPageSize { get; init; }

    /// <summary>How often the SDK retries a failed request (standard retry mode) before the error is classified.</summary>
    internal int MaxErrorRetry { get; init; } = 4;
}
