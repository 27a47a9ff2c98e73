using System.Diagnostics;
using System.Net.Sockets;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Processes;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// The built plugin as a child process, started the way the CloudQuery CLI starts a local plugin
/// (<c>serve --network unix --address $TMPDIR/cq-….sock</c>) and ready when the socket accepts a connection.
/// Every run gets a fresh process, so its peak RSS belongs to that run alone. It is stopped either by killing it
/// (<see cref="DisposeAsync"/>) or as the CLI stops it (<see cref="StopAsync"/>), which tells a clean exit from a crash.
/// </summary>
internal sealed class PluginServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    /// <summary>Short polls: the ready time is measured with this granularity.</summary>
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(2);

    /// <summary>How long the CLI waits after SIGINT before it kills a plugin (its <c>terminateProcess</c>).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

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

    /// <summary>CPU seconds, bytes read and minor page faults so far, read together.</summary>
    public ProcessCounters Counters => ProcessCounters.Of(_process.Id);

    /// <summary>True once the process has ended, whoever ended it.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the plugin with <paramref name="environment"/> added to (or, for a null value, removed from) its
    /// environment: S3 credentials go to the plugin this way, as the AWS default chain reads them.
    /// </summary>
    /// <param name="serveArguments">More <c>serve</c> flags, e.g. <c>--otel-endpoint</c>.</param>
    public static Task<PluginServer> StartAsync(string executable, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, IReadOnlyList<string>? serveArguments = null) =>
        StartAsync(executable, environment, logFile: null, cancellationToken, serveArguments);

    /// <summary>
    /// Starts the plugin; with a <paramref name="logFile"/>, it logs as the CLI starts it (<c>--log-level info
    /// --log-format json</c>) and its stdout and stderr go to that file, so the soak can count skipped objects and
    /// keeps the runtime's last words when the process crashes. Without one it logs warnings only, and nowhere.
    /// </summary>
    public static async Task<PluginServer> StartAsync(
        string executable, IReadOnlyDictionary<string, string?> environment, string? logFile, CancellationToken cancellationToken, IReadOnlyList<string>? serveArguments = null)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"cq-bench-{Guid.NewGuid():N}.sock");
        string[] logging = logFile is null ? ["--log-level", "warn"] : ["--log-level", "info", "--log-format", "json"];
        string[] serve = ["serve", "--network", "unix", "--address", socketPath, .. logging, "--no-sentry", .. serveArguments ?? []];
        var start = logFile is null ? new ProcessStartInfo(executable, serve) : ToFile(logFile, executable, serve);
        start.UseShellExecute = false;

        // Never redirected to a pipe: a full pipe nobody drains would stall the plugin mid-sync.
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        var startedAt = Stopwatch.GetTimestamp();
        var process = ServingProcess.Start(start, environment);
        try
        {
            var readyAfter = await ServingProcess.WaitUntilAcceptingAsync(
                process, new UnixDomainSocketEndPoint(socketPath), startedAt, ReadyLimit, ReadyPoll, cancellationToken).ConfigureAwait(false);
            return new PluginServer(process, socketPath, readyAfter);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops the plugin as the CloudQuery CLI does: SIGINT, then a kill if it has not exited within 5 s. Returns
    /// its exit code (128 + signal when a signal ended it, e.g. 134 for an abort) and whether it had to be killed.
    /// </summary>
    public async Task<PluginExit> StopAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                PosixSignals.Send(_process.Id, PosixSignals.Interrupt);
            }
            catch (InvalidOperationException) when (_process.HasExited)
            {
                // It ended between the check and the signal: its exit code says how.
            }

            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return new PluginExit(_process.ExitCode, Killed: true);
            }
        }

        return new PluginExit(_process.ExitCode, Killed: false);
    }

    /// <summary>Waits up to <paramref name="limit"/> for the process to end on its own; true if it did.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan limit)
    {
        using var wait = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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

    /// <summary>
    /// The plugin under <c>sh</c>, which sends both streams to the file and then replaces itself with the plugin
    /// (<c>exec</c>): the process id, its /proc figures and its exit status are the plugin's own.
    /// </summary>
    private static ProcessStartInfo ToFile(string logFile, string executable, IEnumerable<string> arguments) =>
        new("/bin/sh", ["-c", "log=$1; shift; exec \"$@\" >\"$log\" 2>&1", "sh", logFile, executable, .. arguments]);
}

/// <summary>How a stopped plugin ended: its exit code, and whether it ignored SIGINT long enough to be killed.</summary>
internal sealed record PluginExit(int ExitCode, bool Killed);
