using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CqSourceS3.Processes;

/// <summary>
/// A one-node OpenStack Swift with s3api, started from Debian's packages by <c>test/tools/s3-swift/swift-aio.sh</c>
/// in a fresh temporary folder and stopped (its processes killed, its folder deleted) on disposal. Keys:
/// <see cref="AccessKey"/>/<see cref="SecretKey"/>; a user without rights: <see cref="ReaderAccessKey"/>/<see cref="ReaderSecretKey"/>.
/// </summary>
public sealed partial class SwiftAio : IAsyncDisposable
{
    public const string AccessKey = "test:tester";
    public const string SecretKey = "testing";
    public const string ReaderAccessKey = "test:reader";
    public const string ReaderSecretKey = "reading";

    private readonly int[] _pids;

    private SwiftAio(int[] pids, string baseDirectory, string endpoint)
    {
        _pids = pids;
        BaseDirectory = baseDirectory;
        Endpoint = endpoint;
    }

    /// <summary>The s3api endpoint on loopback, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Endpoint { get; }

    /// <summary>The server processes the script started (one per Swift role, and memcached).</summary>
    public IReadOnlyList<int> ProcessIds => _pids;

    /// <summary>The temporary folder holding the server's configuration and data.</summary>
    public string BaseDirectory { get; }

    /// <summary>True when the Debian packages the script needs are installed.</summary>
    public static bool IsInstalled => FindOnPath("swift-proxy-server") && FindOnPath("swift-object-server");

    /// <summary>Runs the script of <paramref name="repositoryRoot"/> and waits until the proxy answers its healthcheck (4–7 s).</summary>
    public static async Task<SwiftAio> StartAsync(string repositoryRoot, string folderPrefix, CancellationToken cancellationToken)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException("Swift is not installed (swift-proxy-server not on PATH): run test/tools/install-test-deps.sh as root");
        }

        var script = Path.Combine(repositoryRoot, "test", "tools", "s3-swift", "swift-aio.sh");
        var baseDirectory = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        ProcessRun run;
        try
        {
            // On timeout or cancellation the script and the servers it started so far are killed with it.
            run = await ProcessRun.StartAsync("bash", [script, baseDirectory], repositoryRoot, TimeSpan.FromMinutes(2), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Directory.Delete(baseDirectory, recursive: true);
            throw;
        }

        var match = ExportLine().Match(run.Stdout);
        if (run.ExitCode != 0 || !match.Success)
        {
            Directory.Delete(baseDirectory, recursive: true);
            throw new InvalidOperationException($"swift-aio.sh failed (exit {run.ExitCode}): {run.Stderr}");
        }

        var pids = match.Groups["pids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new SwiftAio(pids, baseDirectory, match.Groups["endpoint"].Value);
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

        Directory.Delete(BaseDirectory, recursive: true);
    }

    private static bool FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    [GeneratedRegex(@"S3_ENDPOINT=(?<endpoint>\S+) SWIFT_PIDS='(?<pids>[0-9 ]+)'")]
    private static partial Regex ExportLine();
}
