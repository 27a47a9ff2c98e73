using System.Diagnostics;
using CqSourceS3.Bench.Plugin;
using Grpc.Core;

namespace CqSourceS3.Bench.Soak;

/// <summary>
/// One soak sync as the CloudQuery CLI makes it: a fresh <c>serve</c> process logging JSON to a file, the handshake,
/// Init, Sync of every table to the end of the stream, then SIGINT. Decides how it ended: crashed (the plugin died
/// on its own, or exited with a code other than 0), failed (the stream broke or never ended, the plugin ignored
/// SIGINT, or the rows were wrong) or passed. Crashes and failures are results here, not exceptions.
/// </summary>
internal sealed class SoakSync(string pluginPath, TimeSpan limit)
{
    /// <summary>
    /// A plugin that crashes mid-sync breaks the stream as it dies, and its exit can trail the broken stream a little;
    /// a plugin still running this long after its stream broke did not crash.
    /// </summary>
    private static readonly TimeSpan CrashWindow = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs one sync. <paramref name="check"/> gets what the client received and what the plugin logged, and returns
    /// what is wrong with them, or null.
    /// </summary>
    public async Task<SoakRun> RunAsync(
        SoakPhase phase,
        int number,
        string spec,
        IReadOnlyDictionary<string, string?> environment,
        string logFile,
        Func<SyncTally, PluginLogSummary, string?> check,
        CancellationToken cancellationToken)
    {
        PluginServer server;
        try
        {
            server = await PluginServer.StartAsync(pluginPath, environment, logFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // InvalidOperationException: the process exited before its socket accepted a connection.
            var outcome = e is InvalidOperationException ? SoakOutcome.Crashed : SoakOutcome.Failed;
            return new SoakRun(phase, number, outcome, e.Message, 0, null, null, null, null, PluginLogFile.Read(logFile), logFile);
        }

        await using (server.ConfigureAwait(false))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limit);
            SyncTally? tally = null;
            string? streamProblem = null;
            double? seconds = null, cpuSeconds = null;
            long? peakRss = null;
            try
            {
                using var client = await PluginSyncClient.ConnectAsync(server.SocketPath, timeout.Token).ConfigureAwait(false);
                var cpuBefore = server.CpuSeconds;
                var clock = Stopwatch.StartNew();
                await client.InitAsync(spec, timeout.Token).ConfigureAwait(false);
                tally = await client.SyncAsync(timeout.Token).ConfigureAwait(false);
                seconds = clock.Elapsed.TotalSeconds;
                cpuSeconds = server.CpuSeconds - cpuBefore;
                peakRss = server.PeakRssBytes;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested
                && e is RpcException or IOException or HttpRequestException or InvalidOperationException or OperationCanceledException)
            {
                // InvalidOperationException: the plugin sent an error message instead of rows, or offered no protocol 3.
                streamProblem = timeout.IsCancellationRequested ? $"the stream did not end within {limit.TotalMinutes:F0} min"
                    : e is RpcException rpc ? $"the stream failed with {rpc.StatusCode}: {rpc.Status.Detail}"
                    : $"{e.GetType().Name}: {e.Message}";
            }

            var diedOnItsOwn = server.HasExited || (streamProblem is not null && await server.ExitsWithinAsync(CrashWindow).ConfigureAwait(false));
            var exit = await server.StopAsync().ConfigureAwait(false);
            var log = PluginLogFile.Read(logFile);
            var (outcome, problem) = Judge(diedOnItsOwn, exit, streamProblem, tally is null ? null : check(tally, log));
            return new SoakRun(phase, number, outcome, problem, tally?.Rows ?? 0, seconds, cpuSeconds, peakRss, exit.ExitCode, log, logFile);
        }
    }

    private static (SoakOutcome Outcome, string? Problem) Judge(bool diedOnItsOwn, PluginExit exit, string? streamProblem, string? checkProblem)
    {
        if (diedOnItsOwn)
        {
            var when = streamProblem is null ? "after its stream ended, before it was stopped" : $"during the sync ({streamProblem})";
            return (SoakOutcome.Crashed, $"the plugin exited on its own with code {exit.ExitCode} {when}");
        }

        if (exit.ExitCode != 0 && !exit.Killed)
        {
            return (SoakOutcome.Crashed, $"the plugin exited with code {exit.ExitCode} when stopped with SIGINT" + (streamProblem is null ? string.Empty : $"; {streamProblem}"));
        }

        var notStopped = exit.Killed ? "the plugin did not exit within 5 s of SIGINT and was killed" : null;
        var problems = new[] { streamProblem, notStopped, checkProblem }.Where(p => p is not null).ToList();
        return problems.Count == 0 ? (SoakOutcome.Passed, null) : (SoakOutcome.Failed, string.Join("; ", problems));
    }
}
