namespace CqSourceS3.Tests.Shared.S3;

/// <summary>Chooses and starts the S3 test server: the forced one, or the first that works in preference order.</summary>
internal static class S3ServerLauncher
{
    private const string InstallHint =
        "install one: run test/tools/install-test-deps.sh (as root it installs OpenStack Swift from Debian packages; " +
        "it always runs npm ci for s3rver), or make a Docker engine reachable for LocalStack";

    /// <summary>Starts the server named by <paramref name="forced"/> (null or empty: automatic) and describes the choice.</summary>
    public static async Task<(IS3TestServer Server, string Description)> StartAsync(string? forced, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(forced))
        {
            var kind = Enum.TryParse<S3ServerKind>(forced.Trim(), ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{S3ServerFixture.ServerVariable}='{forced}' is not one of localstack, swift, s3rver");
            try
            {
                var server = await StartAsync(kind, cancellationToken).ConfigureAwait(false);
                return (server, $"{server.Description} (forced by {S3ServerFixture.ServerVariable})");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"{S3ServerFixture.ServerVariable}={forced}: the server did not start: {e.Message}; {InstallHint}", e);
            }
        }

        var passedOver = new List<string>();
        foreach (var kind in new[] { S3ServerKind.LocalStack, S3ServerKind.Swift, S3ServerKind.S3rver })
        {
            var unavailable = WhyUnavailable(kind);
            if (unavailable is not null)
            {
                passedOver.Add($"{kind}: {unavailable}");
                continue;
            }

            try
            {
                var server = await StartAsync(kind, cancellationToken).ConfigureAwait(false);
                var others = passedOver.Count == 0 ? string.Empty : $" (passed over: {string.Join("; ", passedOver)})";
                return (server, server.Description + others);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Falling back is fine, but the reason stays visible in the description or the final error.
                passedOver.Add($"{kind}: {e.Message}");
            }
        }

        throw new InvalidOperationException($"no S3 test server could be started ({string.Join("; ", passedOver)}); {InstallHint}");
    }

    private static string? WhyUnavailable(S3ServerKind kind) => kind switch
    {
        S3ServerKind.LocalStack when !LocalStackServer.DockerLooksAvailable => "no Docker engine (DOCKER_HOST unset, no /var/run/docker.sock)",
        S3ServerKind.Swift when !SwiftServer.IsInstalled => "swift-proxy-server not installed",
        _ => null,
    };

    private static async Task<IS3TestServer> StartAsync(S3ServerKind kind, CancellationToken cancellationToken) => kind switch
    {
        S3ServerKind.LocalStack => await LocalStackServer.StartAsync(cancellationToken).ConfigureAwait(false),
        S3ServerKind.Swift => await SwiftServer.StartAsync(cancellationToken).ConfigureAwait(false),
        _ => await S3rverServer.StartAsync(cancellationToken).ConfigureAwait(false),
    };
}
