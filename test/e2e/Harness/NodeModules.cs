using System.Security.Cryptography;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>
/// Makes sure <c>test/e2e/js/node_modules</c> matches its lock file, running <c>npm ci</c> when it does not. Uses the
/// same stamp file (<c>node_modules/.install-stamp</c> = SHA-256 of <c>package-lock.json</c>) as
/// <c>test/tools/install-test-deps.sh</c>, so an install by either is recognised by the other.
/// </summary>
public static class NodeModules
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _installed;

    /// <summary>Installs the JS client's packages if needed; throws (never skips) when node or npm is missing or fails.</summary>
    public static async Task EnsureInstalledAsync(Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        await Once.WaitAsync(cancellationToken);
        try
        {
            if (_installed)
            {
                return;
            }

            var node = await NodeClient.RunToolAsync("node", ["--version"], NodeClient.Directory, cancellationToken);
            log($"node {node.Stdout.Trim()}");
            var stamp = Path.Combine(NodeClient.Directory, "node_modules", ".install-stamp");
            var want = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(NodeClient.Directory, "package-lock.json"), cancellationToken)));
            if (!File.Exists(stamp) || (await File.ReadAllTextAsync(stamp, cancellationToken)).Trim() != want)
            {
                log("running npm ci in " + NodeClient.Directory);
                var npm = await NodeClient.RunToolAsync(
                    "npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], NodeClient.Directory, cancellationToken);
                if (npm.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {NodeClient.Directory} failed with {npm.ExitCode}:\n{npm.Stdout}{npm.Stderr}");
                }

                await File.WriteAllTextAsync(stamp, want + "\n", cancellationToken);
            }

            _installed = true;
        }
        finally
        {
            Once.Release();
        }
    }
}
