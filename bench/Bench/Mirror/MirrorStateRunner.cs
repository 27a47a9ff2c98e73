using System.Diagnostics;
using CqSourceS3.Bench.Runs;

namespace CqSourceS3.Bench.Mirror;

/// <summary>
/// <c>mirror-state</c>: measures the mirror state for each key count asked for, prints the Markdown section and
/// appends it to the results file.
/// </summary>
internal sealed class MirrorStateRunner(BenchArguments arguments, TextWriter log)
{
    private const int WarmUpKeys = 1_000;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var repository = BenchRunner.RepositoryRoot();
        var started = DateTimeOffset.UtcNow;
        // The first GrpcStateStore and deflate calls JIT-compile; that is not what a state of N keys costs.
        await MirrorStateBench.MeasureAsync(repository, WarmUpKeys, cancellationToken).ConfigureAwait(false);
        var results = new List<MirrorStateResult>();
        foreach (var keys in arguments.MirrorKeys)
        {
            log.WriteLine($"mirror-state: {keys:N0} keys");
            results.Add(await MirrorStateBench.MeasureAsync(repository, keys, cancellationToken).ConfigureAwait(false));
        }

        var markdown = MirrorStateReport.Render(results, started, repository, NodeVersion());
        log.WriteLine(markdown);
        var resultsPath = Path.Combine(repository, arguments.ResultsPath);
        await File.AppendAllTextAsync(resultsPath, markdown, cancellationToken).ConfigureAwait(false);
        log.WriteLine("appended to " + resultsPath);
    }

    private static string NodeVersion()
    {
        using var node = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true, UseShellExecute = false });
        var version = node?.StandardOutput.ReadToEnd().Trim();
        node?.WaitForExit();
        return string.IsNullOrEmpty(version) ? "unknown" : version;
    }
}
