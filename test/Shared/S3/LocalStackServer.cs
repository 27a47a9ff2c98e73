using Testcontainers.LocalStack;

namespace CqSourceS3.Tests.Shared.S3;

/// <summary>LocalStack (S3 only) in Docker through Testcontainers; the same image tag as test/docker-compose.yml.</summary>
internal sealed class LocalStackServer : IS3TestServer
{
    /// <summary>Pinned so that test results do not drift with LocalStack releases.</summary>
    public const string Image = "localstack/localstack:4.9";

    private readonly LocalStackContainer _container;

    private LocalStackServer(LocalStackContainer container)
    {
        _container = container;
        Endpoint = container.GetConnectionString().TrimEnd('/');
    }

    public S3ServerKind Kind => S3ServerKind.LocalStack;

    public string Endpoint { get; }

    // LocalStack accepts any credentials; these are its documented defaults.
    public string AccessKey => "test";

    public string SecretKey => "test";

    public (string AccessKey, string SecretKey)? NoRightsUser => null;

    // LocalStack does not enforce IAM by default, so nothing is ever denied.
    public S3ServerQuirks Quirks => S3ServerQuirks.NoAccessDenied;

    public string Description => $"LocalStack {Image} (Testcontainers) at {Endpoint}";

    /// <summary>True when a Docker engine looks reachable (DOCKER_HOST or the default socket).</summary>
    public static bool DockerLooksAvailable =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    public static async Task<LocalStackServer> StartAsync(CancellationToken cancellationToken)
    {
        var container = new LocalStackBuilder(Image).WithEnvironment("SERVICES", "s3").Build();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            return new LocalStackServer(container);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
