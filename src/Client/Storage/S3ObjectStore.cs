using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Client.Telemetry;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// Objects in one S3 bucket (AWS or S3-compatible). Lists with ListObjectsV2 page by page and reads explicit
/// byte ranges pinned to the listed version (VersionId, else If-Match on the ETag). Every failure is a
/// <see cref="StoreException"/> classified by <see cref="S3ErrorClassifier"/>.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _client;
    private readonly S3Target _target;
    private readonly int? _listPageSize;

    private S3ObjectStore(IAmazonS3 client, S3Target target, int? listPageSize)
    {
        _client = client;
        _target = target;
        _listPageSize = listPageSize;
    }

    /// <inheritdoc />
    public string Location => _target.Location;

    /// <summary>The region requests are signed for (given, from the environment, or the custom-endpoint default).</summary>
    public string Region => _target.Region;

    /// <summary>
    /// Resolves credentials and region for <paramref name="options"/> and creates the store. Throws
    /// <see cref="StoreException"/> when a named profile or any credentials are missing.
    /// </summary>
    public static async Task<S3ObjectStore> CreateAsync(S3StoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (client, target) = await S3ClientFactory.CreateAsync(options, cancellationToken).ConfigureAwait(false);
        return new S3ObjectStore(client, target, options.ListPageSize);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request { BucketName = _target.Bucket, Prefix = prefix, MaxKeys = _listPageSize };
        while (true)
        {
            // One page at a time: a bucket with millions of keys never sits in memory.
            var page = await ListPageAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var obj in page.S3Objects ?? [])
            {
                yield return ToStoredObject(obj);
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            if (string.IsNullOrEmpty(page.NextContinuationToken))
            {
                throw new StoreException(StoreFailure.Unknown, Location, null,
                    $"{_target.Where} returned a truncated listing of {Location} without a continuation token");
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <inheritdoc />
    public async Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + length, obj.Size, nameof(length));
        if (length == 0)
        {
            return Stream.Null;
        }

        var request = new GetObjectRequest
        {
            BucketName = _target.Bucket,
            Key = obj.Key,
            // Always an explicit first-last range: several servers answer suffix ranges (bytes=-N) wrongly.
            ByteRange = new ByteRange(offset, offset + length - 1),
        };
        if (obj.VersionId is not null)
        {
            request.VersionId = obj.VersionId;
        }
        else if (obj.ETag is not null)
        {
            // Without versioning, If-Match makes a rewrite between listing and reading fail with 412 instead of
            // silently mixing bytes of two versions (e.g. a footer from one and row groups from another).
            request.EtagToMatch = $"\"{obj.ETag}\"";
        }

        GetObjectResponse response;
        var started = Stopwatch.GetTimestamp();
        try
        {
            response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            SyncMetrics.StoreRequest("get", started, succeeded: true);
        }
        catch (Exception e) when (S3ErrorClassifier.IsStoreError(e, cancellationToken))
        {
            SyncMetrics.StoreRequest("get", started, succeeded: false);
            throw S3ErrorClassifier.Classify(e, S3Operation.Get, _target, obj.Key);
        }

        var body = new S3BodyStream(response, _target, obj.Key);
        if (StartOf(response) != offset)
        {
            await body.DisposeAsync().ConfigureAwait(false);
            throw new StoreException(StoreFailure.Unknown, Location, obj.Key,
                $"{_target.Where} ignored the byte range {offset}-{offset + length - 1} of '{obj.Key}' in {Location}");
        }

        // Bounded because some servers return more than asked (s3rver answers bytes=0-0 with the whole object).
        return new BoundedReadStream(body, length);
    }

    /// <inheritdoc />
    public async Task CheckAccessAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request { BucketName = _target.Bucket, Prefix = prefix, MaxKeys = 1 };
        await ListPageAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<ListObjectsV2Response> ListPageAsync(ListObjectsV2Request request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            SyncMetrics.StoreRequest("list", started, succeeded: true);
            return page;
        }
        catch (Exception e) when (S3ErrorClassifier.IsStoreError(e, cancellationToken))
        {
            SyncMetrics.StoreRequest("list", started, succeeded: false);
            throw S3ErrorClassifier.Classify(e, S3Operation.List, _target, null);
        }
    }

    /// <summary>The first byte the response holds: from Content-Range on 206, 0 when the server sent the whole object.</summary>
    private static long StartOf(GetObjectResponse response)
    {
        var range = response.ContentRange;
        if (response.HttpStatusCode != HttpStatusCode.PartialContent || string.IsNullOrEmpty(range))
        {
            return 0;
        }

        // "bytes 10-19/100"; anything unparsable counts as a mismatch.
        var span = range.AsSpan();
        var space = span.IndexOf(' ');
        var dash = span.IndexOf('-');
        return space >= 0 && dash > space && long.TryParse(span[(space + 1)..dash], out var first) ? first : -1;
    }

    private static StoredObject ToStoredObject(S3Object obj)
    {
        var modified = obj.LastModified ?? DateTime.UnixEpoch;
        var utc = modified.Kind == DateTimeKind.Local ? modified.ToUniversalTime() : DateTime.SpecifyKind(modified, DateTimeKind.Utc);
        return new StoredObject(obj.Key, obj.Size ?? 0, new DateTimeOffset(utc, TimeSpan.Zero), obj.ETag?.Trim('"'));
    }
}
