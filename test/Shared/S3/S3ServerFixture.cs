using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Client.Storage;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CqSourceS3.Tests.Shared.S3;

/// <summary>
/// Starts an S3-compatible server for a test class or collection and seeds it. Picks, in order, LocalStack
/// (Docker reachable), OpenStack Swift s3api (Debian packages installed) and s3rver (node); the environment
/// variable <c>CQ_S3_SERVER=localstack|swift|s3rver</c> forces one. When none starts it fails with what to
/// install, never skips.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    /// <summary>The name of the environment variable that forces a server.</summary>
    public const string ServerVariable = "CQ_S3_SERVER";

    private readonly IMessageSink? _sink;
    private IS3TestServer? _server;
    private AmazonS3Client? _admin;

    /// <summary>xUnit passes the diagnostic sink; the choice of server is reported there and on the console.</summary>
    public S3ServerFixture(IMessageSink sink)
    {
        _sink = sink;
    }

    /// <summary>Which server runs.</summary>
    public S3ServerKind Kind => Server.Kind;

    /// <summary>Base URL of the server (path-style addressing).</summary>
    public string Endpoint => Server.Endpoint;

    /// <summary>The region the servers sign and answer for.</summary>
    public string Region { get; } = "us-east-1";

    /// <summary>Access key of the user that owns the buckets.</summary>
    public string AccessKey => Server.AccessKey;

    /// <summary>Secret of the user that owns the buckets.</summary>
    public string SecretKey => Server.SecretKey;

    /// <summary>Credentials of the user that owns the buckets.</summary>
    public AWSCredentials Credentials => new BasicAWSCredentials(AccessKey, SecretKey);

    /// <summary>A user that authenticates but may not read the buckets (Swift's <c>test:reader</c>); null when the server has none.</summary>
    public AWSCredentials? NoRightsCredentials =>
        Server.NoRightsUser is { } user ? new BasicAWSCredentials(user.AccessKey, user.SecretKey) : null;

    /// <summary>Known deviations from S3 of this server.</summary>
    public S3ServerQuirks Quirks => Server.Quirks;

    /// <summary>Which server was chosen, where, and why others were not.</summary>
    public string Description { get; private set; } = "not started";

    private IS3TestServer Server => _server ?? throw new InvalidOperationException("the S3 server fixture is not initialized");

    /// <summary>A fresh DNS-compatible bucket name starting with <paramref name="prefix"/>.</summary>
    public static string UniqueBucketName(string prefix) => $"{prefix.ToLowerInvariant()}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    /// <summary>Store options pointing at <paramref name="bucket"/> on this server with the owner's credentials.</summary>
    public S3StoreOptions StoreOptions(string bucket) =>
        new(bucket, Region, Endpoint, UsePathStyle: true) { Credentials = Credentials };

    /// <summary>Creates <paramref name="bucket"/> (use <see cref="UniqueBucketName"/>).</summary>
    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        await Admin.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads <paramref name="bytes"/> as <paramref name="key"/>.</summary>
    public async Task PutObjectAsync(string bucket, string key, byte[] bytes, CancellationToken cancellationToken = default)
    {
        using var body = new MemoryStream(bytes, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            // The SDK's default aws-chunked upload over http is stored verbatim by s3rver and refused by Swift.
            UseChunkEncoding = false,
        };
        await Admin.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes <paramref name="key"/> from <paramref name="bucket"/>, as a user removing an object.</summary>
    public async Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken = default) =>
        await Admin.DeleteObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);

    /// <summary>Turns on object versioning for <paramref name="bucket"/>; throws the server's error where it keeps no versions.</summary>
    public async Task EnableVersioningAsync(string bucket, CancellationToken cancellationToken = default) =>
        await Admin.PutBucketVersioningAsync(
            new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        (_server, Description) = await S3ServerLauncher.StartAsync(Environment.GetEnvironmentVariable(ServerVariable), CancellationToken.None)
            .ConfigureAwait(false);
        _sink?.OnMessage(new DiagnosticMessage("S3 test server: {0}", Description));
        Console.WriteLine($"S3 test server: {Description}");
        _admin = new AmazonS3Client(Credentials, new AmazonS3Config
        {
            ServiceURL = Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private AmazonS3Client Admin => _admin ?? throw new InvalidOperationException("the S3 server fixture is not initialized");
}
