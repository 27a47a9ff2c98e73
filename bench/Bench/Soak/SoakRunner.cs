using System.Globalization;
using System.Text.Json;
using CqSourceS3.Bench.Dataset;
using CqSourceS3.Bench.Plugin;
using CqSourceS3.Bench.Runs;
using CqSourceS3.Bench.Store;

namespace CqSourceS3.Bench.Soak;

/// <summary>
/// The <c>soak</c> command (issue #14, crash-free and loss-free): <c>--local-runs</c> consecutive syncs of the
/// small-files set from a local folder, then <c>--s3-runs</c> of the same objects from a bucket on the S3 server while
/// <see cref="ObjectChurn"/> overwrites and deletes objects throughout each sync. Every sync is a fresh plugin
/// process (<see cref="SoakSync"/>), as the CLI starts one per sync. Appends a "Soak" section to the results file and
/// returns false if any sync crashed or failed.
/// </summary>
internal sealed class SoakRunner(BenchArguments arguments, TextWriter log)
{
    private const string Bucket = "soak-small-files";

    /// <summary>Far above a sync of 10,000 small objects on the 2-core machine (seconds locally, about a minute over S3).</summary>
    private static readonly TimeSpan SyncLimit = TimeSpan.FromMinutes(15);

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var repository = BenchRunner.RepositoryRoot();
        var plugin = arguments.PluginPath ?? BenchRunner.FindPlugin(repository);
        var outputRoot = Path.Combine(repository, arguments.OutputRoot);
        var shape = DatasetShape.For(DatasetShape.SmallFiles, arguments.Scale);
        var root = DatasetGenerator.Generate(shape, arguments.Seed, outputRoot, log);
        var objects = DatasetGenerator.Objects(root);
        var logs = Path.Combine(outputRoot, "soak-logs");
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true);
        }

        Directory.CreateDirectory(logs);
        log.WriteLine($"soak: plugin logs in {logs}");
        var footerCache = Directory.CreateTempSubdirectory("cq-source-s3-soak-footers-");
        var started = DateTimeOffset.UtcNow;
        var sync = new SoakSync(plugin, SyncLimit);
        var runs = new List<SoakRun>();
        try
        {
            var localSpec = Spec(footerCache.FullName, new() { ["local_path"] = Path.GetFullPath(root) });
            for (var run = 1; run <= arguments.LocalRuns; run++)
            {
                var logFile = Path.Combine(logs, string.Create(CultureInfo.InvariantCulture, $"local-{run:D3}.log"));
                runs.Add(Report(await sync.RunAsync(SoakPhase.Local, run, localSpec, PluginScenarios.LocalEnvironment, logFile,
                    (tally, _) => CheckLocal(tally, shape.TotalRows), cancellationToken).ConfigureAwait(false), arguments.LocalRuns));
            }

            if (arguments.S3Runs > 0)
            {
                runs.AddRange(await RunS3PhaseAsync(repository, sync, shape, objects, outputRoot, footerCache.FullName, cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            footerCache.Delete(recursive: true);
        }

        var markdown = SoakReport.Render(runs, new SoakSetting(started, DateTimeOffset.UtcNow, repository, plugin, shape, objects.Sum(o => o.Bytes), arguments.Seed, logs));
        log.WriteLine(markdown);
        var resultsPath = Path.Combine(repository, arguments.ResultsPath);
        await File.AppendAllTextAsync(resultsPath, markdown, cancellationToken).ConfigureAwait(false);
        log.WriteLine("appended to " + resultsPath);
        return runs.All(r => r.Outcome == SoakOutcome.Passed);
    }

    private async Task<List<SoakRun>> RunS3PhaseAsync(
        string repository, SoakSync sync, DatasetShape shape, IReadOnlyList<DatasetObject> objects, string outputRoot, string footerCache, CancellationToken cancellationToken)
    {
        log.WriteLine("soak: starting Swift (test/tools/s3-swift/swift-aio.sh)");
        var swift = await SwiftStore.StartAsync(repository, cancellationToken).ConfigureAwait(false);
        await using (swift.ConfigureAwait(false))
        {
            log.WriteLine($"soak: uploading {objects.Count:N0} objects to {Bucket}");
            await swift.UploadAsync(Bucket, objects, cancellationToken).ConfigureAwait(false);
            var variants = ObjectChurn.WriteVariants(shape, arguments.Seed, Path.Combine(outputRoot, "soak-variants"));
            using var s3 = SwiftStore.Client(swift.Endpoint.ToString(), maxConnections: 1);
            var churn = new ObjectChurn(s3, Bucket, objects, variants, arguments.Seed);
            var spec = Spec(footerCache, new()
            {
                ["bucket"] = Bucket,
                ["endpoint"] = swift.Endpoint.ToString(),
                ["use_path_style"] = true,
                ["region"] = "us-east-1",
            });
            var runs = new List<SoakRun>();
            for (var run = 1; run <= arguments.S3Runs; run++)
            {
                var logFile = Path.Combine(outputRoot, "soak-logs", string.Create(CultureInfo.InvariantCulture, $"s3-{run:D3}.log"));
                using var stop = new CancellationTokenSource();
                var changes = churn.RunAsync(stop.Token, cancellationToken);
                var result = await sync.RunAsync(SoakPhase.S3, run, spec, PluginScenarios.S3Environment, logFile,
                    (tally, pluginLog) => CheckS3(tally, pluginLog, shape.RowsPerFile), cancellationToken).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                runs.Add(Report(result with { Churn = await changes.ConfigureAwait(false) }, arguments.S3Runs));
            }

            return runs;
        }
    }

    /// <summary>The folder never changes: every row, each once (ids 0 to rows − 1 sum to a known total), one table.</summary>
    private static string? CheckLocal(SyncTally tally, long expectedRows)
    {
        var expectedIdSum = expectedRows * (expectedRows - 1) / 2;
        return tally.Rows == expectedRows && tally.IdSum == expectedIdSum && tally.Migrations == 1
            ? null
            : $"{tally.Rows:N0} rows (id sum {tally.IdSum}) in {tally.Migrations} migrations; expected {expectedRows:N0} rows (id sum {expectedIdSum}), 1 table";
    }

    /// <summary>
    /// Objects change during the sync, so the count varies; but every object read whole gives all its rows, and the
    /// client gets exactly those plus the rows sent of objects that failed part-way (which the plugin logs).
    /// </summary>
    private static string? CheckS3(SyncTally tally, PluginLogSummary pluginLog, long rowsPerObject)
    {
        if (tally.Migrations != 1)
        {
            return $"{tally.Migrations} migrations; expected 1 table";
        }

        if (pluginLog.Finished is not { } finished)
        {
            return "the plugin logged no \"Sync finished\" line";
        }

        if (finished.Rows != rowsPerObject * finished.Objects)
        {
            return $"the plugin read {finished.Rows:N0} rows from {finished.Objects:N0} whole objects, not {rowsPerObject} per object";
        }

        return tally.Rows == finished.Rows + pluginLog.PartialRows
            ? null
            : $"the client received {tally.Rows:N0} rows; the plugin sent {finished.Rows:N0} of whole objects and {pluginLog.PartialRows:N0} of objects skipped part-way";
    }

    /// <summary>The default spec plus the location, with the soak's own footer cache (neither using nor filling the user's).</summary>
    private static string Spec(string footerCache, Dictionary<string, object> spec)
    {
        spec["footer_cache_dir"] = footerCache;
        return JsonSerializer.Serialize(spec);
    }

    private SoakRun Report(SoakRun run, int of)
    {
        var figures = run.Seconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $", {run.Rows:N0} rows, {seconds:F2} s, plugin CPU {run.CpuSeconds ?? double.NaN:F1} s, RSS {run.PeakRssBytes / 1e6 ?? double.NaN:F0} MB")
            : string.Empty;
        var s3 = run.Churn is { } churn
            ? string.Create(CultureInfo.InvariantCulture, $", {run.Log.Finished?.Objects ?? 0:N0} objects read, {run.Log.Skips.Count} skipped, {churn.Changes:N0} changes")
            : string.Empty;
        var problem = run.Problem is null ? string.Empty : $": {run.Problem} (log: {run.LogFile})";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.Phase.ToString().ToLowerInvariant()} {run.Number}/{of}: {run.Outcome.ToString().ToLowerInvariant()}{figures}{s3}{problem}"));
        return run;
    }
}
