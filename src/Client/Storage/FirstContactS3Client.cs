using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// The SDK's S3 client with <see cref="FirstContactRetryPolicy"/> in place of its standard retry policy. Replacing the
/// pipeline's retry handler is the SDK's own extension point for this (its S3 client installs its policies the same
/// way); there is no config setting for a custom policy.
/// </summary>
internal sealed class FirstContactS3Client(AWSCredentials credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
{
    /// <summary>The policy this client's requests are retried by (one per client: it remembers whether the endpoint answered).</summary>
    public FirstContactRetryPolicy RetryPolicy { get; } = new(config);

    /// <inheritdoc />
    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(RetryPolicy));
    }
}
