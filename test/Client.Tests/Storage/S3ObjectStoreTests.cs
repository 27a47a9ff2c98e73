using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Amazon.Runtime;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;
using CqSourceS3.Tests.Shared.S3;
using Xunit.Abstractions;

namespace CqSourceS3.Client.Tests.Storage;

/// <summary>S3ObjectStore against the real S3-compatible server of <see cref="S3ServerFixture"/>, a fresh bucket per test.</summary>
[Collection(S3ServerCollectionDefinition.Name)]
public sealed class S3ObjectStoreTests(S3ServerFixture server, ITestOutputHelper output) : IAsyncLifetime
{
    private const int ObjectSize = 1000;
    private readonly string _bucket = S3ServerFixture.UniqueBucketName("store");

    public async Task InitializeAsync()
    {
        output.WriteLine($"S3 test server: {server.Description}");
        await server.CreateBucketAsync(_bucket);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListAsync_MoreObjectsThanOnePage_ReturnsEveryObjectInKeyOrder()
    {
        // Names that never extend a sibling, so s3rver's ordering bug cannot interfere with paging.
        var keys = Enumerable.Range(0, 25).Select(i => $"paged/obj-{i:D3}.parquet").ToList();
        foreach (var key in keys.AsEnumerable().Reverse())
        {
            await server.PutObjectAsync(_bucket, key, [1, 2, 3]);
        }

        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket) with { ListPageSize = 7 });
        var listed = await StoreReading.ListKeysAsync(store, "paged/");

        Assert.Equal(keys, listed);
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyKeysUnderIt()
    {
        foreach (var key in new[] { "a/1.parquet", "a/2.parquet", "ab.parquet", "b/1.parquet" })
        {
            await server.PutObjectAsync(_bucket, key, [1]);
        }

        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));

        Assert.Equal(["a/1.parquet", "a/2.parquet"], await StoreReading.ListKeysAsync(store, "a/"));
        Assert.Equal(["a/1.parquet", "a/2.parquet", "ab.parquet"], await StoreReading.ListKeysAsync(store, "a"));
        Assert.Empty(await StoreReading.ListKeysAsync(store, "c"));
    }

    [Fact]
    public async Task ListAsync_Object_ReportsSizeUnquotedETagAndUtcLastModified()
    {
        var bytes = Content(ObjectSize);
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await server.PutObjectAsync(_bucket, "one.parquet", bytes);
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));

        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));

        Assert.Equal("one.parquet", obj.Key);
        Assert.Equal(ObjectSize, obj.Size);
#pragma warning disable CA5351 // S3 defines the ETag of a single-part upload as the MD5 of its body.
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), obj.ETag);
#pragma warning restore CA5351
        Assert.Equal(TimeSpan.Zero, obj.LastModified.Offset);
        Assert.InRange(obj.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task ListAsync_EmptyBucket_ReturnsNothing()
    {
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));

        Assert.Empty(await StoreReading.ListAsync(store, string.Empty));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 8)]
    [InlineData(100, 50)]
    [InlineData(ObjectSize - 1, 1)]
    [InlineData(ObjectSize - 8, 8)]
    [InlineData(0, ObjectSize)]
    public async Task OpenRangeAsync_Range_ReturnsExactlyTheRequestedBytes(long offset, long length)
    {
        var bytes = Content(ObjectSize);
        await server.PutObjectAsync(_bucket, "ranges.bin", bytes);
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));
        var obj = Assert.Single(await StoreReading.ListAsync(store, "ranges.bin"));

        var read = await StoreReading.ReadRangeAsync(store, obj, offset, length);

        Assert.Equal(bytes.AsSpan((int)offset, (int)length).ToArray(), read);
    }

    [Fact]
    public async Task OpenRangeAsync_ZeroLength_ReturnsEmptyStreamWithoutARequest()
    {
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));
        // The object does not exist: any request would fail, so success proves none was sent.
        var missing = new StoredObject("missing.bin", 10, DateTimeOffset.UtcNow);

        var read = await StoreReading.ReadRangeAsync(store, missing, 4, 0);

        Assert.Empty(read);
    }

    [Fact]
    public async Task OpenRangeAsync_RangePastListedSize_ThrowsArgumentOutOfRange()
    {
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));
        var obj = new StoredObject("x.bin", 10, DateTimeOffset.UtcNow);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.OpenRangeAsync(obj, 5, 6, CancellationToken.None));
    }

    [Fact]
    public async Task OpenRangeAsync_MissingObject_ThrowsObjectNotFound()
    {
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));
        var missing = new StoredObject("gone/missing.parquet", 10, DateTimeOffset.UtcNow);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.OpenRangeAsync(missing, 0, 4, CancellationToken.None));

        Assert.Equal(StoreFailure.ObjectNotFound, error.Failure);
        Assert.Equal("gone/missing.parquet", error.Key);
        Assert.Contains("gone/missing.parquet", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error, server.SecretKey);
    }

    [Fact]
    public async Task OpenRangeAsync_ObjectRewrittenAfterListing_ThrowsObjectNotFoundUnlessServerIgnoresIfMatch()
    {
        await server.PutObjectAsync(_bucket, "rewritten.bin", Content(100));
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));
        var listed = Assert.Single(await StoreReading.ListAsync(store, "rewritten.bin"));
        var rewritten = Content(100).Reverse().ToArray();
        await server.PutObjectAsync(_bucket, "rewritten.bin", rewritten);

        if (server.Quirks.HasFlag(S3ServerQuirks.IgnoresIfMatch))
        {
            // The store adds no check of its own: on such a server the read succeeds with the new bytes.
            output.WriteLine($"{server.Kind} ignores If-Match: expecting the rewritten bytes");
            Assert.Equal(rewritten[..10], await StoreReading.ReadRangeAsync(store, listed, 0, 10));
            return;
        }

        var error = await Assert.ThrowsAsync<StoreException>(() => store.OpenRangeAsync(listed, 0, 10, CancellationToken.None));

        Assert.Equal(StoreFailure.ObjectNotFound, error.Failure);
        Assert.Contains("changed since it was listed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_MissingBucket_ThrowsBucketNotFoundNamingTheBucket()
    {
        var missingBucket = S3ServerFixture.UniqueBucketName("missing");
        await using var store = await CreateStoreAsync(server.StoreOptions(missingBucket));

        var error = await Assert.ThrowsAsync<StoreException>(() => StoreReading.ListAsync(store, string.Empty));

        Assert.Equal(StoreFailure.BucketNotFound, error.Failure);
        Assert.Contains($"'{missingBucket}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(server.Endpoint, error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error, server.SecretKey);
    }

    [Fact]
    public async Task CheckAccessAsync_MissingBucket_ThrowsBucketNotFound()
    {
        await using var store = await CreateStoreAsync(server.StoreOptions(S3ServerFixture.UniqueBucketName("missing")));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.CheckAccessAsync(string.Empty, CancellationToken.None));

        Assert.Equal(StoreFailure.BucketNotFound, error.Failure);
    }

    [Fact]
    public async Task CheckAccessAsync_ExistingBucket_Succeeds()
    {
        await server.PutObjectAsync(_bucket, "x/y.parquet", [1]);
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket));

        await store.CheckAccessAsync("x/", CancellationToken.None);

        Assert.Equal($"s3://{_bucket}", store.Location);
    }

    [Fact]
    public async Task CheckAccessAsync_UnknownAccessKey_ThrowsAccessDeniedWithoutSecrets()
    {
        const string accessKey = "AKIACQTESTUNKNOWNKEY";
        const string secret = "wrong-secret-that-must-never-be-printed";
        var options = server.StoreOptions(_bucket) with { Credentials = new BasicAWSCredentials(accessKey, secret) };
        await using var store = await CreateStoreAsync(options);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.CheckAccessAsync(string.Empty, CancellationToken.None));

        Assert.Equal(StoreFailure.AccessDenied, error.Failure);
        Assert.Contains("local_profile", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error, secret, accessKey);
    }

    [Fact]
    public async Task OpenRangeAsync_UserWithoutRights_ThrowsAccessDenied()
    {
        await server.PutObjectAsync(_bucket, "secret.bin", Content(10));
        // Only Swift has an authenticated user without rights; elsewhere an unknown key is the closest denial.
        var credentials = server.NoRightsCredentials ?? new BasicAWSCredentials("AKIACQTESTNORIGHTS00", "no-rights-secret");
        output.WriteLine(server.NoRightsCredentials is null ? "no no-rights user: using an unknown access key" : "using the no-rights user");
        await using var store = await CreateStoreAsync(server.StoreOptions(_bucket) with { Credentials = credentials });
        var obj = new StoredObject("secret.bin", 10, DateTimeOffset.UtcNow);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.OpenRangeAsync(obj, 0, 10, CancellationToken.None));

        Assert.Equal(StoreFailure.AccessDenied, error.Failure);
        AssertNoSecrets(error, credentials.GetCredentials().SecretKey, server.SecretKey);
    }

    [Fact]
    public async Task ListAsync_ClosedLoopbackPort_ThrowsUnreachable()
    {
        var options = new S3StoreOptions(_bucket, "us-east-1", $"http://127.0.0.1:{LoopbackPort.Free()}", UsePathStyle: true)
        {
            Credentials = server.Credentials,
            MaxErrorRetry = 1,
        };
        await using var store = await CreateStoreAsync(options);

        var error = await Assert.ThrowsAsync<StoreException>(() => StoreReading.ListAsync(store, string.Empty));

        Assert.Equal(StoreFailure.Unreachable, error.Failure);
        Assert.Contains("check endpoint and network", error.Message, StringComparison.Ordinal);
        AssertNoSecrets(error, server.SecretKey);
    }

    [Fact]
    public async Task CreateAsync_MissingLocalProfile_ThrowsAccessDeniedNamingTheProfile()
    {
        var profile = $"cq-test-missing-{Guid.NewGuid():N}";
        var options = new S3StoreOptions(_bucket, "us-east-1", server.Endpoint, UsePathStyle: true, LocalProfile: profile);

        var error = await Assert.ThrowsAsync<StoreException>(() => S3ObjectStore.CreateAsync(options, CancellationToken.None));

        Assert.Equal(StoreFailure.AccessDenied, error.Failure);
        Assert.Contains($"'{profile}'", error.Message, StringComparison.Ordinal);
    }

    private static Task<S3ObjectStore> CreateStoreAsync(S3StoreOptions options) => S3ObjectStore.CreateAsync(options, CancellationToken.None);

    private static byte[] Content(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)((i * 31) + (i / 256)))];

    private static void AssertNoSecrets(StoreException error, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            // ToString covers the inner exceptions (server messages) too, as a log line would show them.
            Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        }
    }
}
