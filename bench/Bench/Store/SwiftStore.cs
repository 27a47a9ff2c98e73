using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Bench.Dataset;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Processes;

namespace CqSourceS3.Bench.Store;

/// <summary>
/// The end-to-end tests' S3-compatible server (a <see cref="SwiftAio"/>, install it with
/// <c>test/tools/install-test-deps.sh</c>), with what the bench needs on top: an SDK client and bulk uploads.
/// </summary>
internal sealed class SwiftStore : IAsyncDisposable
{
    public const string AccessKey = SwiftAio.AccessKey;
    public const string SecretKey = SwiftAio.SecretKey;

    private readonly SwiftAio _swift;

    private SwiftStore(SwiftAio swift)
    {
        _swift = swift;
        Endpoint = new Uri(swift.Endpoint);
    }

    public Uri Endpoint { get; }

    public IPEndPoint EndPoint => new(IPAddress.Parse(Endpoint.Host), Endpoint.Port);

    /// <summary>The CPU seconds the server's processes have used so far; null where they cannot be read.</summary>
    public double? CpuSeconds()
    {
        double total = 0;
        foreach (var pid in _swift.ProcessIds)
        {
            if (ProcessProbe.CpuSeconds(pid) is not { } seconds)
            {
                return null;
            }

            total += seconds;
        }

        return total;
    }

    public static async Task<SwiftStore> StartAsync(string repositoryRoot, CancellationToken cancellationToken) =>
        new(await SwiftAio.StartAsync(repositoryRoot, "cq-bench-swift-", cancellationToken).ConfigureAwait(false));

    /// <summary>An SDK client set up as the test docs say works against Swift (path style, us-east-1 scope).</summary>
    public static AmazonS3Client Client(string endpoint, int maxConnections = 50) => new(
        new Amazon.Runtime.BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxConnectionsPerServer = maxConnections,
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>Creates <paramref name="bucket"/> and uploads every object of a generated set (a few at a time).</summary>
    public async Task UploadAsync(string bucket, IReadOnlyList<DatasetObject> objects, CancellationToken cancellationToken)
    {
        using var s3 = Client(Endpoint.ToString());
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (o, token) =>
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = o.Key,
                FilePath = o.Path,
                // Swift rejects the SDK's aws-chunked uploads (501); plain bodies work.
                UseChunkEncoding = false,
            }, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _swift.DisposeAsync();
}
