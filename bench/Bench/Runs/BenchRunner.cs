using System.Globalization;
using CqSourceS3.Bench.Baselines;
using CqSourceS3.Bench.Dataset;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Bench.Plugin;
using CqSourceS3.Bench.Store;

namespace CqSourceS3.Bench.Runs;

/// <summary>
/// The <c>run</c> command: generates the sets, starts the S3 server once, then repeats every scenario
/// <c>--runs</c> times, interleaved (run 1 of each, then run 2 of each…) so a noisy neighbour on the shared
/// machine hits the plugin and its baselines alike. Appends the summary to <c>bench/RESULTS.md</c>.
/// </summary>
internal sealed class BenchRunner(BenchArguments arguments, TextWriter log)
{
    private const string ReferenceBucket = "bench-reference";
    private const string SmallFilesBucket = "bench-small-files";

    /// <summary>Issue #18's shard count: the balance and CPU targets are stated for 4 shards.</summary>
    private const int Shards = 4;

    /// <summary>Issue #21's slow consumer reads at a third of the client's speed.</summary>
    private const double SlowClientSlowdown = 3;

    private static readonly string[] PluginConfigurations = ["Release", "Debug"];

    private readonly Dictionary<string, (string Measures, List<Measurement> Runs)> _results = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot();
        var plugin = arguments.PluginPath ?? FindPlugin(repository);
        var footerCache = Directory.CreateTempSubdirectory("cq-source-s3-bench-footers-");
        SwiftStore? swift = null;
        CountingProxy? proxy = null;
        CountingProxy? gigabitProxy = null;
        try
        {
            // Everything started from here (Swift, the proxies, the footer-cache folder) is stopped or removed in the
            // finally block, also when a data set, DuckDB's install or an upload fails.
            var scenarios = new PluginScenarios(plugin, arguments.SpecOverrides, footerCache.FullName);
            var reference = Prepare(DatasetShape.Reference);
            var drift = Skipped("drift") ? null : Prepare(DatasetShape.ReferenceDrift);
            var lake = Skipped("lake") ? null : HiveLayout.Write(reference.Shape.TableFolder, reference.Objects, reference.Root + "-hive", log);
            var bigFile = Skipped("big-file") ? null : Prepare(DatasetShape.BigFile);
            // The small-files set serves the S3 listing scenarios and, from the local folder, the shard balance.
            var listing = !Skipped("listing");
            var smallFiles = listing || !Skipped("balance") ? Prepare(DatasetShape.SmallFiles) : null;
            var overlap = !Skipped("overlap");
            var cold = Skipped("cold") ? null : new ColdStartScenarios(plugin, scenarios);
            var duckDbFolder = Path.Combine(repository, "bench", "duckdb");
            var duckDb = new DuckDbScan(duckDbFolder, log);

            // DuckDB writes the text sets too, so the text scenarios need it whether or not its Parquet scans run.
            var text = Skipped("text") && Skipped("big-text") ? null : new TextScenarios(scenarios, duckDb, duckDbFolder, log);
            if (!Skipped("duckdb") || text is not null)
            {
                await duckDb.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
            }

            if (text is not null)
            {
                await text.PrepareAsync(reference.Root, reference.Shape.TableFolder, reference.Rows, !Skipped("text"), !Skipped("big-text"), arguments.Scale, cancellationToken)
                    .ConfigureAwait(false);
            }

            if (!Skipped("s3") || listing || overlap)
            {
                log.WriteLine("s3: starting Swift (test/tools/s3-swift/swift-aio.sh)");
                swift = await SwiftStore.StartAsync(repository, cancellationToken).ConfigureAwait(false);
                proxy = new CountingProxy(swift.EndPoint);

                // A second relay to the same server, held to 1 Gbit/s: whether the sync overlaps its reads with its
                // work, so that it takes no longer than the transfer alone when the link, not the CPU, is the limit.
                gigabitProxy = overlap ? new CountingProxy(swift.EndPoint, new TokenBucket(TokenBucket.Gigabit)) : null;
                if (!Skipped("s3") || overlap)
                {
                    await swift.UploadAsync(ReferenceBucket, reference.Objects, cancellationToken).ConfigureAwait(false);
                }

                if (listing && smallFiles is not null)
                {
                    await swift.UploadAsync(SmallFilesBucket, smallFiles.Objects, cancellationToken).ConfigureAwait(false);
                }
            }

            using var s3 = proxy is null ? null : SwiftStore.Client(proxy.Endpoint);
            using var s3Gigabit = gigabitProxy is null ? null : SwiftStore.Client(gigabitProxy.Endpoint);
            using var otelSink = Skipped("otel") ? null : OtlpSink.Start();
            for (var run = 1; run <= arguments.Runs; run++)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}/{arguments.Runs}"));
                if (!Skipped("startup"))
                {
                    Record("serve ready (exec → socket accepts)", await scenarios.StartupAsync(cancellationToken).ConfigureAwait(false));
                }

                if (cold is not null)
                {
                    Record("plugin, fresh process, empty local folder, no table selected (wall and CPU: exec → end of Sync)", await cold.EmptySyncAsync(cancellationToken).ConfigureAwait(false));
                    var (first, repeated) = await cold.RepeatedLocalSyncAsync(reference.Root, reference.Rows, reference.Bytes, cancellationToken).ConfigureAwait(false);
                    Record("plugin, local folder, reference, first sync of a process", first);
                    Record("plugin, local folder, reference, the same sync again in that process", repeated);
                }

                if (!Skipped("local"))
                {
                    Record("plugin, local folder, reference", await scenarios.LocalSyncAsync("local-sync", reference.Root, reference.Rows, reference.Bytes, cancellationToken).ConfigureAwait(false));
                }

                if (!Skipped("slow"))
                {
                    var pacing = new ReadPacing(SlowClientSlowdown);
                    Record("plugin, local folder, reference, client reading at a third of its speed", await scenarios.LocalSyncAsync(
                        "local-sync-slow-client", reference.Root, reference.Rows, reference.Bytes, cancellationToken, pacing: pacing).ConfigureAwait(false));
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slow client: waited {pacing.Waited.TotalSeconds:F3} s"));
                }

                if (otelSink is not null)
                {
                    // The same sync with every span, metric and log record exported; the sink only counts them.
                    Record("plugin, local folder, reference, --otel-endpoint to a local OTLP/HTTP sink", await scenarios.LocalSyncAsync(
                        "local-sync-otel", reference.Root, reference.Rows, reference.Bytes, cancellationToken,
                        serveArguments: ["--otel-endpoint", otelSink.Endpoint, "--otel-endpoint-insecure"]).ConfigureAwait(false));
                    log.WriteLine("  otel sink: " + otelSink.Describe());
                }

                if (!Skipped("shards"))
                {
                    Record("bench process, 64 MiB of fresh memory, one byte written per page (rows: pages; CPU: the bench's)", PageFirstTouch.Measure());
                    Record($"plugin, local folder, reference, shards 1/{Shards} … {Shards}/{Shards} at once (CPU, fetched: the processes' sum; RSS: the largest)",
                        await scenarios.ShardedLocalSyncAsync("local-sync-shards", reference.Root, reference.Objects.Count, reference.Rows, reference.Bytes, Shards, cancellationToken).ConfigureAwait(false));
                }

                if (drift is not null)
                {
                    Record("plugin, local folder, reference, every other file without the score column", await scenarios.LocalSyncAsync("local-sync-drift", drift.Root, drift.Rows, drift.Bytes, cancellationToken).ConfigureAwait(false));
                }

                if (lake is not null)
                {
                    Record("plugin, local folder, reference in hive folders, 2 partition + 5 lineage columns", await scenarios.LocalSyncAsync("local-sync-lake", lake, reference.Rows, reference.Bytes, cancellationToken, HiveLayout.Spec).ConfigureAwait(false));
                }

                if (!Skipped("duckdb"))
                {
                    var table = Path.Combine(reference.Root, reference.Shape.TableFolder);
                    Record("DuckDB scan, 2 threads, reference", await duckDb.ScanAsync("duckdb", table, reference.Rows, reference.Bytes, cancellationToken).ConfigureAwait(false));
                }

                if (bigFile is not null)
                {
                    Record("plugin, local folder, one big file", await scenarios.LocalSyncAsync("local-sync-big-file", bigFile.Root, bigFile.Rows, bigFile.Bytes, cancellationToken).ConfigureAwait(false));
                    if (!Skipped("duckdb"))
                    {
                        // Not a target: four times the reference set's rows, so start-up costs weigh four times less.
                        var table = Path.Combine(bigFile.Root, bigFile.Shape.TableFolder);
                        Record("DuckDB scan, 2 threads, one big file", await duckDb.ScanAsync("duckdb-big-file", table, bigFile.Rows, bigFile.Bytes, cancellationToken).ConfigureAwait(false));
                    }
                }

                if (text is not null)
                {
                    await text.RunRoundAsync(Record, cancellationToken).ConfigureAwait(false);
                }

                if (!Skipped("s3") && s3 is not null && proxy is not null)
                {
                    Record("plugin, S3 (Swift), reference", await WithStoreCpuAsync(swift, () => scenarios.S3SyncAsync("s3-sync", ReferenceBucket, proxy, reference.Rows, reference.Bytes, cancellationToken)).ConfigureAwait(false));
                    proxy.Reset();
                    Record("GET every object (AWS SDK, 50 at once)", await WithStoreCpuAsync(swift, () => S3Floor.GetAllAsync("s3-get-all", s3, ReferenceBucket, reference.Rows, () => proxy.BytesFromServer, cancellationToken)).ConfigureAwait(false));
                }

                if (s3Gigabit is not null && gigabitProxy is not null)
                {
                    Record("plugin, S3 (Swift) through 1 Gbit/s, reference", await WithStoreCpuAsync(swift, () => scenarios.S3SyncAsync("s3-sync-1gbit", ReferenceBucket, gigabitProxy, reference.Rows, reference.Bytes, cancellationToken)).ConfigureAwait(false));
                    gigabitProxy.Reset();
                    Record("GET every object (AWS SDK, 50 at once) through 1 Gbit/s", await WithStoreCpuAsync(swift, () => S3Floor.GetAllAsync("s3-get-all-1gbit", s3Gigabit, ReferenceBucket, reference.Rows, () => gigabitProxy.BytesFromServer, cancellationToken)).ConfigureAwait(false));
                }

                if (smallFiles is not null && !Skipped("balance"))
                {
                    Record($"plugin, local folder, small files, shards 1/{Shards} … {Shards}/{Shards} at once: the balance of objects",
                        await scenarios.ShardedLocalSyncAsync("shard-balance", smallFiles.Root, smallFiles.Objects.Count, smallFiles.Shape.TotalRows, smallFiles.Bytes, Shards, cancellationToken).ConfigureAwait(false));
                }

                if (listing && smallFiles is not null && s3 is not null && proxy is not null)
                {
                    var objects = smallFiles.Objects.Count;
                    Record("plugin discovery (Init + GetTables), small files, empty footer cache", await WithStoreCpuAsync(swift, () => scenarios.DiscoveryAsync(SmallFilesBucket, proxy, objects, smallFiles.Bytes, cold: true, cancellationToken)).ConfigureAwait(false));
                    Record("plugin discovery (Init + GetTables), small files, footer cache from the run before", await WithStoreCpuAsync(swift, () => scenarios.DiscoveryAsync(SmallFilesBucket, proxy, objects, smallFiles.Bytes, cold: false, cancellationToken)).ConfigureAwait(false));
                    proxy.Reset();
                    Record("bare ListObjectsV2 loop, small files", await WithStoreCpuAsync(swift, () => S3Floor.ListAsync(s3, SmallFilesBucket, smallFiles.Bytes, () => proxy.BytesFromServer, cancellationToken)).ConfigureAwait(false));
                    // Not a target: the same loop in a fresh process, which pays the first-use costs a plugin pays.
                    proxy.Reset();
                    Record("bare ListObjectsV2 loop, small files, in a fresh process", await WithStoreCpuAsync(swift, () => S3Floor.ListFreshAsync(proxy.Endpoint, SmallFilesBucket, smallFiles.Bytes, () => proxy.BytesFromServer, cancellationToken)).ConfigureAwait(false));
                    // Not a target: the store's cost per request, which bounds a discovery that reads every footer.
                    proxy.Reset();
                    Record("GET every small object (AWS SDK, 50 at once)", await WithStoreCpuAsync(swift, () => S3Floor.GetAllAsync("s3-get-all-small", s3, SmallFilesBucket, smallFiles.Shape.TotalRows, () => proxy.BytesFromServer, cancellationToken)).ConfigureAwait(false));
                }
            }
        }
        finally
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            if (gigabitProxy is not null)
            {
                await gigabitProxy.DisposeAsync().ConfigureAwait(false);
            }

            if (swift is not null)
            {
                await swift.DisposeAsync().ConfigureAwait(false);
            }

            if (footerCache.Exists)
            {
                footerCache.Delete(recursive: true);
            }
        }

        var summaries = _results.Select(r => new ScenarioSummary(r.Key, r.Value.Measures, r.Value.Runs)).ToList();
        var markdown = ResultsReport.Render(summaries, arguments, repository, plugin);
        log.WriteLine(markdown);
        var resultsPath = Path.Combine(repository, arguments.ResultsPath);
        await File.AppendAllTextAsync(resultsPath, markdown, cancellationToken).ConfigureAwait(false);
        log.WriteLine("appended to " + resultsPath);
    }

    private PreparedSet Prepare(string name)
    {
        var shape = DatasetShape.For(name, arguments.Scale);
        var root = DatasetGenerator.Generate(shape, arguments.Seed, Path.Combine(RepositoryRoot(), arguments.OutputRoot), log);
        var objects = DatasetGenerator.Objects(root);
        return new PreparedSet(shape, root, objects, shape.TotalRows, objects.Sum(o => o.Bytes));
    }

    private void Record(string measures, Measurement measurement)
    {
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {measurement.Scenario}: {measurement.Seconds:F3} s, {measurement.Rows:N0} rows, RSS {measurement.PeakRssBytes / 1e6 ?? double.NaN:F0} MB, fetched {measurement.BytesFetched / 1e6 ?? double.NaN:F1} MB"));
        if (!_results.TryGetValue(measurement.Scenario, out var entry))
        {
            entry = (measures, []);
            _results[measurement.Scenario] = entry;
        }

        entry.Runs.Add(measurement);
    }

    /// <summary>Runs an S3 scenario and adds what the S3 server's processes spent over it (nothing else uses them then).</summary>
    private static async Task<Measurement> WithStoreCpuAsync(SwiftStore? swift, Func<Task<Measurement>> run)
    {
        var before = swift?.CpuSeconds();
        var measurement = await run().ConfigureAwait(false);
        return swift?.CpuSeconds() - before is { } spent ? measurement with { StoreCpuSeconds = spent } : measurement;
    }

    private bool Skipped(string scenario) => arguments.Skip.Contains(scenario);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CqSourceS3.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the bench from inside the repository (CqSourceS3.sln not found above the current directory)");
    }

    public static string FindPlugin(string repository)
    {
        var candidates = PluginConfigurations.Select(c => Path.Combine(repository, "src", "Plugin", "bin", c, "net10.0", "cq-source-s3"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("no plugin build found: run `dotnet build -c Release src/Plugin` or pass --plugin PATH");
    }

    private sealed record PreparedSet(DatasetShape Shape, string Root, IReadOnlyList<DatasetObject> Objects, long Rows, long Bytes);
}
