using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using CqSourceS3.Bench.Dataset;

namespace CqSourceS3.Bench.Store;

/// <summary>
/// The end-to-end tests' S3-compatible server: a one-node OpenStack Swift with s3api from Debian's packages,
/// started by <c>test/tools/s3-swift/swift-aio.sh</c> on loopback (install it with
/// <c>test/tools/install-test-deps.sh</c>). Keys <c>test:tester</c>/<c>testing</c>.
/// </summary>
internal sealed partial class SwiftStore : IAsyncDisposable
{
    public const string AccessKey = "test:tester";
    public const string SecretKey = "testing";

    private readonly int[] _pids;
    private readonly string _baseDir;

    private SwiftStore(int[] pids, string baseDir, Uri endpoint)
    {
        _pids = pids;
        _baseDir = baseDir;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public IPEndPoint EndPoint => new(IPAddress.Parse(Endpoint.Host), Endpoint.Port);

    public static async Task<SwiftStore> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "test", "tools", "s3-swift", "swift-aio.sh");
        var baseDir = Directory.CreateTempSubdirectory("cq-bench-swift-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, baseDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var match = ExportLine().Match(await stdout.ConfigureAwait(false));
        if (process.ExitCode != 0 || !match.Success)
        {
            Directory.Delete(baseDir, recursive: true);
            throw new InvalidOperationException(
                $"swift-aio.sh failed (exit {process.ExitCode}); is Swift installed (test/tools/install-test-deps.sh)? {await stderr.ConfigureAwait(false)}");
        }

        var pids = match.Groups["pids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new SwiftStore(pids, baseDir, new Uri(match.Groups["endpoint"].Value));
    }

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

    public async ValueTask DisposeAsync()
    {
        foreach (var pid in _pids)
        {
            try
            {
                using var server = Process.GetProcessById(pid);
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync().ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        Directory.Delete(_baseDir, recursive: true);
    }

    [GeneratedRegex(@"S3_ENDPOINT=(?<endpoint>\S+) SWIFT_PIDS='(?<pids>[0-9 ]+)'")]
    private static partial Regex ExportLine();
}
