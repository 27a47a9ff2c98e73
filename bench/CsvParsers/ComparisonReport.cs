using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace CqSourceS3.CsvParsersBench;

/// <summary>
/// The comparison as Markdown: what was parsed on which machine, one row per parser with median (min–max) CPU and
/// wall seconds per mode, each parser's parse-and-build CPU against the first parser's (the plugin's), and the
/// totals every run agreed on.
/// </summary>
internal static class ComparisonReport
{
    public static string Render(Comparison comparison, IReadOnlyList<ICsvParser> parsers, CsvInput input, TableSchema schema, int runs)
    {
        var text = new StringBuilder();
        Line(text, $"{input.Files.Count} files, {comparison.Rows:N0} rows, {input.Bytes / 1e6:F1} MB; {runs} runs per parser and mode, interleaved; "
            + $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC.");
        Line(text, $"Columns: {schema.Describe()}.\n");
        Line(text, "| parser | parse only: CPU s | wall s | parse + build: CPU s | wall s | MB/s per CPU s (build) | build CPU ÷ " + parsers[0].Name + " |");
        Line(text, "|---|---|---|---|---|---|---|");
        var baseline = Median(comparison, parsers[0], RunMode.Build, s => s.CpuSeconds);
        foreach (var parser in parsers)
        {
            var buildCpu = Median(comparison, parser, RunMode.Build, s => s.CpuSeconds);
            Line(text, $"| {parser.Name} | {Cell(comparison, parser, RunMode.Parse, s => s.CpuSeconds)} | {Cell(comparison, parser, RunMode.Parse, s => s.WallSeconds)} | "
                + $"{Cell(comparison, parser, RunMode.Build, s => s.CpuSeconds)} | {Cell(comparison, parser, RunMode.Build, s => s.WallSeconds)} | "
                + $"{input.Bytes / 1e6 / buildCpu:F0} | {buildCpu / baseline:F2} |");
        }

        Line(text, $"\nEvery run of every parser read the same rows and values. Parse only: {comparison.Totals[RunMode.Parse]}.");
        Line(text, $"Parse + build: {comparison.Totals[RunMode.Build]}.");
        return text.ToString();
    }

    private static string Cell(Comparison comparison, ICsvParser parser, RunMode mode, Func<Sample, double> value)
    {
        var values = comparison.Samples[(parser.Name, mode)].Select(value).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Median(values):F2} ({values[0]:F2}–{values[^1]:F2})");
    }

    private static double Median(Comparison comparison, ICsvParser parser, RunMode mode, Func<Sample, double> value) =>
        Median([.. comparison.Samples[(parser.Name, mode)].Select(value).Order()]);

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);
}
