using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Processes;

namespace CqSourceS3.Bench.Baselines;

/// <summary>
/// The S3 baselines, with the same SDK and endpoint the plugin uses: the I/O floor (GET every object, drain the
/// bodies, as many at once as the plugin's default <c>concurrency</c>) and a bare ListObjectsV2 loop (the floor of
/// discovery). Both run in this process, so they carry no RSS figure. The listing also runs once in a fresh process
/// (<see cref="ListFreshAsync"/>), which pays the .NET runtime's and the SDK's first-use costs as a plugin does.
/// </summary>
internal static class S3Floor
{
    /// <summary>The plugin's default <c>concurrency</c>, so the floor reads as many objects at once.</summary>
    private const int Concurrency = 50;

    public static async Task<Measurement> GetAllAsync(string scenario, IAmazonS3 s3, string bucket, long rows, Func<long> fetched, CancellationToken cancellationToken)
    {
        var cpuBefore = ProcessProbe.OwnCpuSeconds();
        var clock = Stopwatch.StartNew();
        var keys = await ListAsync(s3, bucket, cancellationToken).ConfigureAwait(false);
        long bodyBytes = 0;
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (key, token) =>
        {
            using var response = await s3.GetObjectAsync(bucket, key, token).ConfigureAwait(false);
            var drained = await DrainAsync(response.ResponseStream, token).ConfigureAwait(false);
            Interlocked.Add(ref bodyBytes, drained);
        }).ConfigureAwait(false);
        return new Measurement(scenario, clock.Elapsed.TotalSeconds, rows, bodyBytes, PeakRssBytes: null, fetched(), ClientCpuSeconds: ProcessProbe.OwnCpuSeconds() - cpuBefore);
    }

    public static async Task<Measurement> ListAsync(IAmazonS3 s3, string bucket, long parquetBytes, Func<long> fetched, CancellationToken cancellationToken)
    {
        var cpuBefore = ProcessProbe.OwnCpuSeconds();
        var clock = Stopwatch.StartNew();
        var keys = await ListAsync(s3, bucket, cancellationToken).ConfigureAwait(false);
        return new Measurement("s3-list-loop", clock.Elapsed.TotalSeconds, keys.Count, parquetBytes, PeakRssBytes: null, fetched(), ClientCpuSeconds: ProcessProbe.OwnCpuSeconds() - cpuBefore);
    }

    /// <summary>
    /// The bare loop in a new process of this program (the <c>list-loop</c> command): timed inside it from creating
    /// the S3 client to the last page, the span in which the plugin's Init creates its client and GetTables lists.
    /// This program is not ReadyToRun-compiled, so it compiles more at first use than the published plugin does.
    /// </summary>
    public static async Task<Measurement> ListFreshAsync(string endpoint, string bucket, long parquetBytes, Func<long> fetched, CancellationToken cancellationToken)
    {
        // Under `dotnet run` the process is the apphost; under `dotnet bench.dll` it is dotnet itself.
        var program = Environment.ProcessPath ?? throw new InvalidOperationException("the bench's own executable is unknown");
        var arguments = new List<string> { "list-loop", "--endpoint", endpoint, "--bucket", bucket };
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
        {
            arguments.Insert(0, Assembly.GetEntryAssembly()!.Location);
        }

        var run = await ProcessRun.StartAsync(program, arguments, Environment.CurrentDirectory, TimeSpan.FromMinutes(2), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"list-loop failed ({run.ExitCode}): {run.Stderr}");
        }

        using var result = JsonDocument.Parse(run.StdoutLines[^1]);
        var objects = result.RootElement.GetProperty("objects").GetInt32();
        return new Measurement("s3-list-loop-fresh", result.RootElement.GetProperty("seconds").GetDouble(), objects, parquetBytes, PeakRssBytes: null, fetched());
    }

    /// <summary>The <c>list-loop</c> command's work: one JSON line with the objects listed and the seconds it took.</summary>
    public static async Task<string> ListLoopCommandAsync(string endpoint, string bucket, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var s3 = Store.SwiftStore.Client(endpoint);
        var keys = await ListAsync(s3, bucket, cancellationToken).ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $$"""{"objects":{{keys.Count}},"seconds":{{clock.Elapsed.TotalSeconds}}}""");
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
