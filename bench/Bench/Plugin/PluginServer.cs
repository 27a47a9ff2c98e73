using System.Diagnostics;
using System.Net.Sockets;
using CqSourceS3.Bench.Measure;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// The built plugin as a child process, started the way the CloudQuery CLI starts a local plugin
/// (<c>serve --network unix --address $TMPDIR/cq-….sock</c>) and ready when the socket accepts a connection.
/// Every run gets a fresh process, so its peak RSS belongs to that run alone.
/// </summary>
internal sealed class PluginServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private PluginServer(Process process, string socketPath, TimeSpan readyAfter)
    {
        _process = process;
        SocketPath = socketPath;
        ReadyAfter = readyAfter;
    }

    public string SocketPath { get; }

    /// <summary>From exec until the socket accepted a connection: the "serve ready" figure.</summary>
    public TimeSpan ReadyAfter { get; }

    public int ProcessId => _process.Id;

    public long? PeakRssBytes => ProcessProbe.PeakRssBytes(_process.Id);

    public long? ReadCharacters => ProcessProbe.ReadCharacters(_process.Id);

    public double? CpuSeconds => ProcessProbe.CpuSeconds(_process.Id);

    /// <summary>
    /// Starts the plugin with <paramref name="environment"/> added to (or, for a null value, removed from) its
    /// environment: S3 credentials go to the plugin this way, as the AWS default chain reads them.
    /// </summary>
    public static async Task<PluginServer> StartAsync(string executable, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"cq-bench-{Guid.NewGuid():N}.sock");
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "serve", "--network", "unix", "--address", socketPath, "--log-level", "warn", "--no-sentry" },
            UseShellExecute = false,
            // Discarded rather than redirected: a full pipe nobody drains would stall the plugin mid-sync.
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        try
        {
            while (!await AcceptsConnectionAsync(socketPath, cancellationToken).ConfigureAwait(false))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{executable} exited with code {process.ExitCode} before accepting connections");
                }

                if (clock.Elapsed > ReadyLimit)
                {
                    throw new TimeoutException($"{executable} did not accept connections on {socketPath} within {ReadyLimit.TotalSeconds} s");
                }

                // Short polls: the ready time is measured with this granularity.
                await Task.Delay(2, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        return new PluginServer(process, socketPath, clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
        File.Delete(SocketPath);
    }

    private static async Task<bool> AcceptsConnectionAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
