using System.Globalization;

namespace CqSourceS3.Bench;

/// <summary>
/// The bench command line: <c>generate --set NAME --scale X --seed N --out DIR</c> or
/// <c>run --scale X --runs N [--seed N] [--out DIR] [--plugin PATH] [--skip s3,lake,drift,listing,shards,balance,text,cold,...]</c>,
/// <c>soak [--local-runs 200] [--s3-runs 50] [--out DIR] [--plugin PATH] [--results PATH]</c>,
/// <c>mirror-state [--keys 100000,1000000] [--results PATH]</c>, and the run's own
/// helper <c>list-loop --endpoint URL --bucket NAME</c>.
/// Hand-parsed: a measuring tool with a handful of flags needs no parser package.
/// </summary>
internal sealed record BenchArguments
{
    public required string Command { get; init; }

    public string Set { get; init; } = Dataset.DatasetShape.Reference;

    public double Scale { get; init; } = 1.0;

    public int Seed { get; init; } = 42;

    public int Runs { get; init; } = 3;

    public string OutputRoot { get; init; } = Path.Combine("bench", "data");

    /// <summary>The plugin executable; null finds the Release (else Debug) build under src/Plugin/bin.</summary>
    public string? PluginPath { get; init; }

    /// <summary>Where the Markdown table is appended.</summary>
    public string ResultsPath { get; init; } = Path.Combine("bench", "RESULTS.md");

    /// <summary>
    /// A JSON object merged into the spec of every plugin run (e.g. <c>{"rows_per_record":10000}</c>), to measure a
    /// default before changing it; null runs the default spec, which is what the targets are about.
    /// </summary>
    public string? SpecOverrides { get; init; }

    /// <summary>soak: consecutive syncs of the small-files set from a local folder (issue #14 asks for 200).</summary>
    public int LocalRuns { get; init; } = 200;

    /// <summary>soak: consecutive syncs of the same objects over S3 while they are overwritten and deleted (issue #14: 50).</summary>
    public int S3Runs { get; init; } = 50;

    /// <summary>mirror-state: the table sizes, in objects, whose mirror state is measured (issue #19 asks for both).</summary>
    public IReadOnlyList<int> MirrorKeys { get; init; } = [100_000, 1_000_000];

    /// <summary>list-loop: the S3 endpoint.</summary>
    public string? Endpoint { get; init; }

    /// <summary>list-loop: the bucket to list.</summary>
    public string? Bucket { get; init; }

    /// <summary>
    /// Runs to leave out: <c>local</c>, <c>otel</c>, <c>lake</c>, <c>drift</c>, <c>duckdb</c>, <c>s3</c>, <c>listing</c>,
    /// <c>startup</c>, <c>big-file</c>, <c>shards</c> (the reference set in 4 shards at once), <c>balance</c> (the small
    /// files in 4 shards), <c>text</c> (the reference set as CSV, CSV.gz and JSON Lines, plugin and DuckDB), <c>big-text</c>
    /// (one .csv.gz of 50 MB and one of 2 GB, times the scale), <c>cold</c> (an empty sync in a fresh process, and the
    /// reference sync twice in one process), <c>slow</c> (the reference sync read at a third of the client's speed),
    /// <c>overlap</c> (the S3 sync and GET-all through 1 Gbit/s).
    /// </summary>
    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>();

    public const string Usage = """
        usage:
          cq-source-s3-bench generate --set reference|small-files|big-file|reference-drift [--scale 1.0] [--seed 42] [--out bench/data]
          cq-source-s3-bench run [--scale 1.0] [--runs 3] [--seed 42] [--out bench/data] [--plugin PATH]
                                 [--results bench/RESULTS.md] [--skip local,otel,lake,drift,duckdb,s3,listing,startup,big-file,shards,balance,text,big-text,
                                         cold,slow,overlap]
                                 [--spec '{"rows_per_record":10000}']
          cq-source-s3-bench soak [--local-runs 200] [--s3-runs 50] [--scale 1.0] [--seed 42] [--out bench/data] [--plugin PATH]
                                  [--results bench/RESULTS.md]   (issue #14: crash-free syncs of 10,000 small objects)
          cq-source-s3-bench mirror-state [--keys 100000,1000000] [--results bench/RESULTS.md]
                                          (issue #19: size, encode, write and read time of a mirrored table's state)
          cq-source-s3-bench list-loop --endpoint URL --bucket NAME   (started by run: one listing in a fresh process)
        Run from the repository root.
        """;

    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("generate" or "run" or "soak" or "mirror-state" or "list-loop"))
        {
            throw new ArgumentException("expected a command: generate, run, soak, mirror-state or list-loop");
        }

        var parsed = new BenchArguments { Command = args[0] };
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            parsed = name switch
            {
                "--set" => parsed with { Set = value },
                "--scale" => parsed with { Scale = double.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => parsed with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => parsed with { Runs = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)) },
                "--local-runs" => parsed with { LocalRuns = Math.Max(0, int.Parse(value, CultureInfo.InvariantCulture)) },
                "--s3-runs" => parsed with { S3Runs = Math.Max(0, int.Parse(value, CultureInfo.InvariantCulture)) },
                "--out" => parsed with { OutputRoot = value },
                "--plugin" => parsed with { PluginPath = value },
                "--results" => parsed with { ResultsPath = value },
                "--spec" => parsed with { SpecOverrides = value },
                "--endpoint" => parsed with { Endpoint = value },
                "--bucket" => parsed with { Bucket = value },
                "--keys" => parsed with { MirrorKeys = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => Math.Max(1, int.Parse(k, CultureInfo.InvariantCulture)))] },
                "--skip" => parsed with { Skip = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return parsed.Command == "list-loop" && (parsed.Endpoint is null || parsed.Bucket is null)
            ? throw new ArgumentException("list-loop needs --endpoint and --bucket")
            : parsed;
    }
}
