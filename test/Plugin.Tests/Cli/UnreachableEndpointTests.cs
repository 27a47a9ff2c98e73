using System.Net;
using System.Net.Sockets;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// <c>sync</c>, its dry run and <c>discover</c> report an endpoint nothing listens on with the same message from the
/// same first listing, which is not retried while the endpoint never answered (see the client's
/// FirstContactRetryPolicyTests for the count of connection attempts).
/// </summary>
public sealed class UnreachableEndpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-unreachable-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EveryCommand_ClosedLoopbackPort_SameUnreachableMessageNamingBucketAndEndpoint()
    {
        var port = LoopbackPort.Free();
        var config = Path.Combine(_folder, "config.yml");
        File.WriteAllText(config,
            $"kind: source\nspec:\n  name: s3\n  spec:\n    bucket: my-bucket\n    endpoint: http://127.0.0.1:{port}\n    use_path_style: true\n    no_sign_request: true\n    footer_cache: false\n");
        var expected = $"cannot reach endpoint http://127.0.0.1:{port} (region us-east-1) for s3://my-bucket (HttpRequestException): check endpoint and network";

        var sync = await CliRun.InvokeAsync(["sync", config]);
        var dryRun = await CliRun.InvokeAsync(["sync", config, "--dry-run"]);
        var discover = await CliRun.InvokeAsync(["discover", config]);

        Assert.Equal((1, $"sync failed: {expected}\n"), (sync.ExitCode, LastLine(sync.Errors)));
        Assert.Equal((1, $"sync failed: {expected}\n"), (dryRun.ExitCode, LastLine(dryRun.Errors)));
        Assert.Equal((1, $"discover failed: {expected}\n"), (discover.ExitCode, discover.Errors));
        Assert.Equal("", sync.Output + dryRun.Output + discover.Output);
    }

    /// <summary>The last line of stderr: a plain progress line may come first on a slow machine.</summary>
    private static string LastLine(string errors) => errors[(errors.TrimEnd('\n').LastIndexOf('\n') + 1)..];
}
