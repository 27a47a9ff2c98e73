using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CqSourceS3.Bench.Runs;

namespace CqSourceS3.Bench.Mirror;

/// <summary>Renders the mirror-state measurements as a section of <c>bench/RESULTS.md</c>: one column per key count.</summary>
internal static class MirrorStateReport
{
    public static string Render(IReadOnlyList<MirrorStateResult> results, DateTimeOffset started, string repository, string nodeVersion)
    {
        var text = new StringBuilder();
        Line(text, $"\n## Mirror state (issue #19), {started:yyyy-MM-dd HH:mm} UTC, commit {ResultsReport.Commit(repository)}\n");
        var keys = string.Join(',', results.Select(r => r.Keys.ToString(CultureInfo.InvariantCulture)));
        Append(text, $"Machine: {Environment.ProcessorCount} cores, {ResultsReport.MemoryGigabytes():F1} GiB, {RuntimeInformation.OSDescription}, ");
        Append(text, $".NET {Environment.Version}, node {nodeVersion}. Command: `dotnet run -c Release --project bench/Bench -- mirror-state --keys {keys}`. ");
        Line(text, $"One run per key count, after a warm-up with 1,000 keys (JIT); keys shaped like `MirrorStateTests`' (`logs/year=2026/month=MM/day=DD/part-NNNNN-<uuid>.parquet`, ~80 characters).\n");
        Line(text, $"| measure | {string.Join(" | ", results.Select(r => r.Keys.ToString("N0", CultureInfo.InvariantCulture) + " keys"))} |");
        Line(text, $"|---|{string.Join("", results.Select(_ => "---|"))}");
        Row(text, "state size: rows, MB", results, r => $"{r.Rows}, {r.Bytes / 1e6:F2} MB ({(double)r.Bytes / r.Keys:F1} B/key)");
        Row(text, "compute + encode (`SaveAsync` into memory)", results, r => Cell(r.Encode));
        Row(text, "decode (`LoadAsync` from memory)", results, r => Cell(r.Decode));
        Row(text, "first write to the backend, every bucket (`SaveAsync` + `FlushAsync`)", results, r => Cell(r.FirstWrite));
        Row(text, "… of which `FlushAsync` (one insert of every row)", results, r => Cell(r.FirstFlush));
        Row(text, "incremental write after 10 new keys (`SaveAsync` + `FlushAsync`)", results, r => $"{Cell(r.IncrementalWrite)}; {r.IncrementalRows} rows sent");
        Row(text, "open at the next sync's start (`ConnectAsync`: GetVersions, MigrateTable, Read of all rows)", results, r => Cell(r.Open));
        Append(text, $"\nEach cell: wall seconds; CPU seconds of the bench process (the plugin's code: MirrorState and GrpcStateStore, in process); ");
        Append(text, $"CPU seconds of the state backend, `test/tools/cq-state-backend/state-backend.mjs` (the JS SDK's server and memdb, started with a 100 MiB ");
        Line(text, $"message limit, the plugin's own, where grpc-js defaults to 4 MiB; its share is not the plugin's). Size: characters of state keys and values (all ASCII).");
        return text.ToString();
    }

    private static string Cell(MirrorStateMeasure m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.WallSeconds:F3} s wall, {m.OwnCpuSeconds:F2} CPU s ours") + (m.BackendCpuSeconds is { } b ? string.Create(CultureInfo.InvariantCulture, $", {b:F2} CPU s backend") : "");

    private static void Row(StringBuilder text, string what, IReadOnlyList<MirrorStateResult> results, Func<MirrorStateResult, string> cell) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {string.Join(" | ", results.Select(cell))} |");

    private static void Append(StringBuilder text, FormattableString part) => text.Append(part.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
