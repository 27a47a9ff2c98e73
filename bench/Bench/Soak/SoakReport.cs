using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CqSourceS3.Bench.Dataset;
using CqSourceS3.Bench.Measure;
using CqSourceS3.Bench.Runs;

namespace CqSourceS3.Bench.Soak;

/// <summary>
/// Renders a soak as a "Soak" section of <c>bench/RESULTS.md</c>: per phase the syncs, crashes, failures, rows and
/// times; the changes made during the S3 syncs; skipped objects by reason; every crash or failure with its log.
/// </summary>
internal static class SoakReport
{
    public static string Render(IReadOnlyList<SoakRun> runs, SoakSetting setting)
    {
        var text = new StringBuilder();
        var shape = setting.Shape;
        Line(text, $"\n## Soak, {setting.Started:yyyy-MM-dd HH:mm} UTC, commit {ResultsReport.Commit(setting.Repository)}\n");
        Line(text, $"Issue #14 (crash-free and loss-free). Machine: {Environment.ProcessorCount} cores, {ResultsReport.MemoryGigabytes():F1} GiB, "
            + $"{RuntimeInformation.OSDescription}. Plugin: `{Path.GetRelativePath(setting.Repository, setting.Plugin)}`, spec default with a footer cache of the soak's own. Data: the `{shape.Name}` set "
            + $"({shape.FileCount:N0} objects × {shape.RowsPerFile} rows, {setting.Bytes / 1e6:F1} MB), seed {setting.Seed}. Took {Duration(setting.Finished - setting.Started)}.\n");
        Line(text, $"Every sync is a fresh `serve` process started as the CloudQuery CLI starts it (`--log-level info --log-format json`, its output to a "
            + $"file per sync in `{Path.GetRelativePath(setting.Repository, setting.Logs)}/`, kept until the next soak), driven through GetVersions, Init and Sync of every table, then stopped with SIGINT as the CLI stops it. A sync **crashed** when "
            + "the plugin exited before it was stopped, or with a code other than 0; it **failed** when the plugin lived but its stream broke or did not end "
            + "within 15 min, it was still running 5 s after SIGINT, or the rows were wrong.\n");
        Line(text, "| phase | syncs | crashed | failed | rows per sync | sync s | plugin CPU s | peak RSS MB |");
        Line(text, "|---|---|---|---|---|---|---|---|");
        PhaseRow(text, runs, SoakPhase.Local, "`local`: a local folder, unchanged");
        PhaseRow(text, runs, SoakPhase.S3, "`s3`: S3 (Swift), objects overwritten and deleted during each sync");
        Line(text, $"\nRows: each local sync must deliver every row once ({shape.TotalRows:N0}, whose ids add up to 0 + 1 + … + {shape.TotalRows - 1:N0}) in one "
            + $"table. Each S3 sync must deliver one table and exactly {shape.RowsPerFile} rows per object the plugin read whole (the objects of its "
            + "`Sync finished` line), plus the rows sent of objects skipped part-way. `sync s` and `plugin CPU s` run from Init to the end of the stream; "
            + "figures are medians with min–max.");
        Churn(text, [.. runs.Where(r => r.Churn is not null)]);
        Skips(text, runs);
        Problems(text, runs, setting);
        var crashed = runs.Count(r => r.Outcome == SoakOutcome.Crashed);
        var failed = runs.Count(r => r.Outcome == SoakOutcome.Failed);
        Line(text, $"\n**Crash-free: {(crashed == 0 && failed == 0 ? "yes" : "no")}**, {crashed} crashed and {failed} failed of {runs.Count} syncs.");
        return text.ToString();
    }

    private static void PhaseRow(StringBuilder text, IReadOnlyList<SoakRun> runs, SoakPhase phase, string what)
    {
        var of = runs.Where(r => r.Phase == phase).ToList();
        if (of.Count == 0)
        {
            Line(text, $"| {what} | not run | — | — | — | — | — | — |");
            return;
        }

        var completed = of.Where(r => r.Seconds is not null).ToList();
        Line(text, $"| {what} | {of.Count} | {of.Count(r => r.Outcome == SoakOutcome.Crashed)} | {of.Count(r => r.Outcome == SoakOutcome.Failed)} | "
            + $"{Format(completed.Select(r => (double?)r.Rows), "N0")} | {Format(completed.Select(r => r.Seconds), "F2")} | "
            + $"{Format(completed.Select(r => r.CpuSeconds), "F1")} | {Format(completed.Select(r => r.PeakRssBytes / 1e6), "F0")} |");
    }

    private static void Churn(StringBuilder text, IReadOnlyList<SoakRun> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var counts = runs.Select(r => r.Churn!).ToList();
        var read = runs.Select(r => (double?)r.Log.Finished?.Objects);
        Line(text, $"\nChanges to the bucket during the S3 syncs, one request at a time from each plugin's start to the end of its stream: "
            + $"{counts.Sum(c => c.SameRows):N0} overwrites with the same rows, {counts.Sum(c => c.OtherRows):N0} with other rows, {counts.Sum(c => c.Deleted):N0} "
            + $"deletes and {counts.Sum(c => c.Recreated):N0} re-creations of deleted objects; {Format(counts.Select(c => (double?)c.Changes), "N0")} per sync, "
            + $"{counts.Sum(c => c.FailedRequests):N0} requests failed. Objects read whole per S3 sync: {Format(read, "N0")}.");
    }

    private static void Skips(StringBuilder text, IReadOnlyList<SoakRun> runs)
    {
        var byReason = runs.SelectMany(r => r.Log.Skips.Select(s => (r.Phase, r.Number, s.Reason)))
            .GroupBy(s => (s.Phase, s.Reason))
            .OrderBy(g => g.Key.Phase).ThenByDescending(g => g.Count())
            .ToList();
        var retries = string.Join(", ", runs.GroupBy(r => r.Phase).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Sum(r => r.Log.Retries):N0}"));
        var errors = string.Join(", ", runs.GroupBy(r => r.Phase).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Sum(r => r.Log.ErrorCount):N0}"));
        if (byReason.Count == 0)
        {
            Line(text, $"\nSkipped objects (`Skipping object` warnings): none. Retries (`Retrying` warnings): {retries}. Error lines: {errors}.");
            return;
        }

        Line(text, $"\nSkipped objects (`Skipping object` warnings) by reason, the key left out. Retries (`Retrying` warnings): {retries}. Error lines: {errors}.\n");
        Line(text, "| phase | reason | skips | syncs with it | rows sent before the skip |");
        Line(text, "|---|---|---|---|---|");
        foreach (var group in byReason)
        {
            var rowsSent = runs.Where(r => r.Phase == group.Key.Phase).SelectMany(r => r.Log.Skips).Where(s => s.Reason == group.Key.Reason).Sum(s => s.RowsSent);
            Line(text, $"| `{group.Key.Phase.ToString().ToLowerInvariant()}` | {group.Key.Reason.Replace("|", "\\|", StringComparison.Ordinal)} | {group.Count():N0} | "
                + $"{group.Select(s => s.Number).Distinct().Count()} | {rowsSent:N0} |");
        }
    }

    private static void Problems(StringBuilder text, IReadOnlyList<SoakRun> runs, SoakSetting setting)
    {
        var bad = runs.Where(r => r.Outcome != SoakOutcome.Passed).ToList();
        if (bad.Count == 0)
        {
            Line(text, "\nCrashes and failures: none.");
            return;
        }

        Line(text, "\nCrashes and failures:\n");
        foreach (var run in bad)
        {
            var stderr = run.Log.OtherLines.Count == 0 ? string.Empty : $" Its output that was not a log line: `{string.Join(" ⏎ ", run.Log.OtherLines)}`.";
            var errors = run.Log.FirstErrors.Count == 0 ? string.Empty : $" Its first error lines: `{string.Join(" ⏎ ", run.Log.FirstErrors)}`.";
            Line(text, $"- `{run.Phase.ToString().ToLowerInvariant()}` sync {run.Number}, **{run.Outcome.ToString().ToLowerInvariant()}**: {run.Problem}.{stderr}{errors} "
                + $"Log: `{Path.GetRelativePath(setting.Repository, run.LogFile)}`.");
        }
    }

    private static string Duration(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1 ? $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min" : $"{Math.Max(1, (int)Math.Round(elapsed.TotalMinutes))} min";

    private static string Format(IEnumerable<double?> values, string format)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (present.Count == 0)
        {
            return "—";
        }

        var stat = Stat.Of(present);
        return string.Create(CultureInfo.InvariantCulture, $"{stat.Median.ToString(format, CultureInfo.InvariantCulture)} ({stat.Min.ToString(format, CultureInfo.InvariantCulture)}–{stat.Max.ToString(format, CultureInfo.InvariantCulture)})");
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}

/// <summary>What a soak ran against: when, from which checkout, which plugin binary, which data set and where the logs went.</summary>
internal sealed record SoakSetting(DateTimeOffset Started, DateTimeOffset Finished, string Repository, string Plugin, DatasetShape Shape, long Bytes, int Seed, string Logs);
