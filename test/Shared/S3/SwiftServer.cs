using CqSourceS3.Processes;

namespace CqSourceS3.Tests.Shared.S3;

/// <summary>
/// The tests' view of a <see cref="SwiftAio"/>: the most S3-faithful server available without Docker, with a real
/// no-rights user.
/// </summary>
internal sealed class SwiftServer : IS3TestServer
{
    private readonly SwiftAio _swift;

    private SwiftServer(SwiftAio swift) => _swift = swift;

    public S3ServerKind Kind => S3ServerKind.Swift;

    public string Endpoint => _swift.Endpoint;

    public string AccessKey => SwiftAio.AccessKey;

    public string SecretKey => SwiftAio.SecretKey;

    public (string AccessKey, string SecretKey)? NoRightsUser => (SwiftAio.ReaderAccessKey, SwiftAio.ReaderSecretKey);

    public S3ServerQuirks Quirks => S3ServerQuirks.None;

    public string Description => $"OpenStack Swift s3api (Debian packages) at {Endpoint}, base {_swift.BaseDirectory}";

    /// <summary>True when the Debian packages the script needs are installed.</summary>
    public static bool IsInstalled => SwiftAio.IsInstalled;

    /// <summary>Starts Swift and waits until the proxy answers its healthcheck (4–7 s).</summary>
    public static async Task<SwiftServer> StartAsync(CancellationToken cancellationToken) =>
        new(await SwiftAio.StartAsync(RepoPaths.Root, "cq-swift-", cancellationToken).ConfigureAwait(false));

    public ValueTask DisposeAsync() => _swift.DisposeAsync();
}
