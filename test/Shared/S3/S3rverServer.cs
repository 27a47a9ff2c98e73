using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CqSourceS3.Tests.Shared.S3;

/// <summary>s3rver 3.7.1 from <c>test/tools/s3rver</c>, started with node on a free loopback port.</summary>
internal sealed partial class S3rverServer : IS3TestServer
{
    private readonly Process _process;
    private readonly string _dataDir;

    private S3rverServer(Process process, string dataDir, string endpoint)
    {
        _process = process;
        _dataDir = dataDir;
        Endpoint = endpoint;
    }

    public S3ServerKind Kind => S3ServerKind.S3rver;

    public string Endpoint { get; }

    // s3rver accepts only this access key; it does not check the secret for SigV4.
    public string AccessKey => "S3RVER";

    public string SecretKey => "S3RVER";

    public (string AccessKey, string SecretKey)? NoRightsUser => null;

    public S3ServerQuirks Quirks =>
        S3ServerQuirks.WrongSuffixRanges | S3ServerQuirks.ZeroZeroRangeReturnsWholeObject
        | S3ServerQuirks.ListingOrderAcrossFolders | S3ServerQuirks.IgnoresIfMatch | S3ServerQuirks.NoAccessDenied;

    public string Description => $"s3rver 3.7.1 (node) at {Endpoint}, data in {_dataDir}";

    /// <summary>Starts s3rver; throws with what to install when its node_modules are missing.</summary>
    public static async Task<S3rverServer> StartAsync(CancellationToken cancellationToken)
    {
        var tool = Path.Combine(RepoPaths.Root, "test", "tools", "s3rver");
        var script = Path.Combine(tool, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed ({script} missing): run test/tools/install-test-deps.sh (needs node and npm)");
        }

        var dataDir = Directory.CreateTempSubdirectory("cq-s3rver-").FullName;
        // --openssl-legacy-provider: s3rver encrypts continuation tokens with DES; without it every truncated
        // ListObjectsV2 page is a 500 on Node >= 17.
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "--openssl-legacy-provider", script, "-d", dataDir, "-a", "127.0.0.1", "-p", "0", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        try
        {
            var port = await ReadPortAsync(process, cancellationToken).ConfigureAwait(false);
            return new S3rverServer(process, dataDir, $"http://127.0.0.1:{port}");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            Directory.Delete(dataDir, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static async Task<int> ReadPortAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
        {
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                return int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var error = await process.StandardError.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
        throw new InvalidOperationException($"s3rver exited before listening: {error}");
    }

    [GeneratedRegex(@"listening on [^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
