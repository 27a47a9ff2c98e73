extern alias PluginAssembly;

using System.Diagnostics;
using System.Net.Sockets;
using CqSourceS3.Processes;
using CqSourceS3.Protocol.Plugin.V3;
using Google.Protobuf;
using PluginAssembly::CqSourceS3.Plugin.Protocol;
using PluginService = CqSourceS3.Protocol.Plugin.V3.Plugin;

namespace CqSourceS3.Bench.Mirror;

/// <summary>
/// The tests' real CloudQuery state backend (<c>test/tools/cq-state-backend/state-backend.mjs</c>: the JS SDK's
/// server with memdb's write path) in a node child process on a unix socket, Init-ed with <c>{}</c> as the CLI does
/// for a backend it spawns. It accepts messages up to the plugin's own 100 MiB (GrpcChannels), not grpc-js's 4 MiB:
/// the Go SDK's plugin servers, which real backends are, raise gRPC's limit too.
/// </summary>
internal sealed class NodeStateBackend : IAsyncDisposable
{
    private const int MaxMessageBytes = 100 * 1024 * 1024;
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(20);

    private readonly Process _process;
    private readonly string _socketPath;

    private NodeStateBackend(Process process, string socketPath)
    {
        _process = process;
        _socketPath = socketPath;
    }

    /// <summary>What <c>backend_options.connection</c> would hold.</summary>
    public string Connection => "unix://" + _socketPath;

    /// <summary>The node process, whose CPU seconds are the backend's share of a write or read.</summary>
    public int ProcessId => _process.Id;

    /// <exception cref="InvalidOperationException">node or the backend's npm packages are missing, or it did not start.</exception>
    public static async Task<NodeStateBackend> StartAsync(string repository, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(repository, "test", "tools", "cq-state-backend");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"{folder}/node_modules is missing: run test/tools/install-test-deps.sh --no-apt");
        }

        var socketPath = Path.Combine(Path.GetTempPath(), $"cq-bench-state-{Guid.NewGuid():N}.sock");
        // Warnings only: its info lines would interleave with the bench's report on the shared console.
        var start = new ProcessStartInfo("node", [Path.Combine(folder, "state-backend.mjs"), "--address", "unix://" + socketPath,
            "--log-level", "warn", "--max-message-bytes", MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        { UseShellExecute = false };
        var startedAt = Stopwatch.GetTimestamp();
        var process = ServingProcess.Start(start, environment: null);
        var backend = new NodeStateBackend(process, socketPath);
        try
        {
            await ServingProcess.WaitUntilAcceptingAsync(process, new UnixDomainSocketEndPoint(socketPath), startedAt, ReadyLimit, ReadyPoll, cancellationToken).ConfigureAwait(false);
            using var channel = GrpcChannels.Open(backend.Connection);
            await new PluginService.PluginClient(channel).InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8("{}") }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return backend;
        }
        catch
        {
            await backend.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        File.Delete(_socketPath);
    }
}
