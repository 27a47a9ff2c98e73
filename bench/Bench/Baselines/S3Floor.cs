using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Bench.Measure;

namespace CqSourceS3.Bench.Baselines;

/// <summary>
/// The S3 baselines, with the same SDK and endpoint the plugin uses: the I/O floor (GET every object, drain the
/// bodies, as many at once as the plugin's default <c>concurrency</c>) and a bare ListObjectsV2 loop (the floor of
/// discovery). Both run in this process, so they carry no RSS figure.
/// </summary>
internal static class S3Floor
{
    /// <summary>The plugin's default <c>concurrency</c>, so the floor reads as many objects at once.</summary>
    private const int Concurrency = 50;

    public static async Task<Measurement> GetAllAsync(string scenario, IAmazonS3 s3, string bucket, long rows, Func<long> fetched, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var keys = await ListAsync(s3, bucket, cancellationToken).ConfigureAwait(false);
        long bodyBytes = 0;
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (key, token) =>
        {
            using var response = await s3.GetObjectAsync(bucket, key, token).ConfigureAwait(false);
            var drained = await DrainAsync(response.ResponseStream, token).ConfigureAwait(false);
            Interlocked.Add(ref bodyBytes, drained);
        }).ConfigureAwait(false);
        return new Measurement(scenario, clock.Elapsed.TotalSeconds, rows, bodyBytes, PeakRssBytes: null, fetched());
    }

    public static async Task<Measurement> ListAsync(IAmazonS3 s3, string bucket, long parquetBytes, Func<long> fetched, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var keys = await ListAsync(s3, bucket, cancellationToken).ConfigureAwait(false);
        return new Measurement("s3-list-loop", clock.Elapsed.TotalSeconds, keys.Count, parquetBytes, PeakRssBytes: null, fetched());
    }

    private static async Task<List<string>> ListAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return keys;
    }

    private static async Task<long> DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[128 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }
}
