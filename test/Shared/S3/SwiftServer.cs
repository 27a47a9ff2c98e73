using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CqSourceS3.Tests.Shared.S3;

/// <summary>
/// A one-node OpenStack Swift with s3api, started by <c>test/tools/s3-swift/swift-aio.sh</c> from Debian's
/// packages. The most S3-faithful server available without Docker, with a real no-rights user.
/// </summary>
internal sealed partial class SwiftServer : IS3TestServer
{
    private readonly int[] _pids;
    private readonly string _baseDir;

    private SwiftServer(int[] pids, string baseDir, string endpoint)
    {
        _pids = pids;
        _baseDir = baseDir;
        Endpoint = endpoint;
    }

    public S3ServerKind Kind => S3ServerKind.Swift;

    public string Endpoint { get; }

    public string AccessKey => "test:tester";

    public string SecretKey => "testing";

    public (string AccessKey, string SecretKey)? NoRightsUser => ("test:reader", "reading");

    public S3ServerQuirks Quirks => S3ServerQuirks.None;

    public string Description => $"OpenStack Swift s3api (Debian packages) at {Endpoint}, base {_baseDir}";

    /// <summary>True when the Debian packages the script needs are installed.</summary>
    public static bool IsInstalled => FindOnPath("swift-proxy-server") && FindOnPath("swift-object-server");

    /// <summary>Runs swift-aio.sh and waits until the proxy answers its healthcheck (4–7 s).</summary>
    public static async Task<SwiftServer> StartAsync(CancellationToken cancellationToken)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException("Swift is not installed (swift-proxy-server not on PATH): run test/tools/install-test-deps.sh as root");
        }

        var script = Path.Combine(RepoPaths.Root, "test", "tools", "s3-swift", "swift-aio.sh");
        var baseDir = Directory.CreateTempSubdirectory("cq-swift-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, baseDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var match = ExportLine().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            var error = await stderr.ConfigureAwait(false);
            Directory.Delete(baseDir, recursive: true);
            throw new InvalidOperationException($"swift-aio.sh failed (exit {process.ExitCode}): {error}");
        }

        var pids = match.Groups["pids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new SwiftServer(pids, baseDir, match.Groups["endpoint"].Value);
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

    private static bool FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    [GeneratedRegex(@"S3_ENDPOINT=(?<endpoint>\S+) SWIFT_PIDS='(?<pids>[0-9 ]+)'")]
    private static partial Regex ExportLine();
}
