using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CqSourceS3.Plugin.Protocol;
using CqSourceS3.Protocol.Plugin.V3;
using CqSourceS3.Tests.Shared;
using Google.Protobuf;
using Grpc.Net.Client;
using PluginClient = CqSourceS3.Protocol.Plugin.V3.Plugin.PluginClient;

namespace CqSourceS3.Plugin.Tests.State;

/// <summary>
/// A real CloudQuery plugin used as state backend: <c>test/tools/cq-state-backend/state-backend.mjs</c> (the JS
/// SDK's server with memdb's write path) in a node child process, on TCP or a unix socket, already Init-ed with
/// <c>{}</c> as the CLI does for a backend it spawns. Fails loudly when node or its packages are missing.
/// </summary>
internal sealed partial class StateBackendProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly GrpcChannel _channel;
    private readonly string? _socketPath;

    private StateBackendProcess(Process process, string connection, string? socketPath)
    {
        _process = process;
        _socketPath = socketPath;
        Connection = connection;
        _channel = GrpcChannels.Open(connection);
        Plugin = new PluginClient(_channel);
    }

    /// <summary>What <c>backend_options.connection</c> would hold: <c>127.0.0.1:N</c> or <c>unix:///…sock</c>.</summary>
    public string Connection { get; }

    /// <summary>A client of the backend, for seeding and inspecting tables behind the state store's back.</summary>
    public PluginClient Plugin { get; }

    public static async Task<StateBackendProcess> StartAsync(string network)
    {
        var script = Path.Combine(RepoPaths.Root, "test", "tools", "cq-state-backend", "state-backend.mjs");
        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules")))
        {
            throw new InvalidOperationException($"{Path.GetDirectoryName(script)}/node_modules is missing: run test/tools/install-test-deps.sh --no-apt");
        }

        var socketPath = network == "unix" ? Path.Combine(Path.GetTempPath(), $"cq-state-{Guid.NewGuid():N}.sock") : null;
        var address = socketPath is null ? "127.0.0.1:0" : "unix://" + socketPath;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { script, "--address", address })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node is not installed (Node.js >= 20 is needed for the state backend tests)", e);
        }

        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var port = await ReadPortAsync(process);
            var backend = new StateBackendProcess(process, socketPath is null ? $"127.0.0.1:{port}" : address, socketPath);
            await backend.Plugin.InitAsync(new Init.Types.Request { Spec = ByteString.CopyFromUtf8("{}") });
            return backend;
        }
        catch (Exception e)
        {
            process.Kill();
            process.Dispose();
            string errors;
            lock (stderr)
            {
                errors = stderr.ToString();
            }

            throw new InvalidOperationException($"the node state backend did not start on {address}: {e.Message}\n{errors}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_socketPath is not null)
        {
            File.Delete(_socketPath);
        }
    }

    private static async Task<int> ReadPortAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                // Keep draining stdout so the backend never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"node exited with code {process.ExitCode} before listening");
    }

    [GeneratedRegex(@"server running on port: (\d+)")]
    private static partial Regex ListeningLine();
}
