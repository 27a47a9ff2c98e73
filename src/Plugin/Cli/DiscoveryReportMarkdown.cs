using System.Globalization;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>discover --format markdown</c>: a document to paste into a ticket or a wiki. An overview table, a section per
/// table with its columns and objects (problems called out as a quote right under the heading), then the skipped
/// and ignored objects.
/// </summary>
internal static class DiscoveryReportMarkdown
{
    public static void Write(DiscoveryReport report, string location, TextWriter output)
    {
        output.WriteLine("# Discovered tables");
        output.WriteLine();
        output.WriteLine($"Source: {Cell(location)}. {Plural(report.Tables.Count, "table")}, {Plural(report.TotalRows, "row")}, " +
            $"{Plural(report.TotalBytes, "byte")}; {report.Tables.Count(t => t.Error is not null)} with errors, " +
            $"{Plural(report.Skipped.Count, "object")} skipped, {report.Ignored.Total} ignored.");
        if (report.Share is not null)
        {
            output.WriteLine();
            output.WriteLine($"Only {Cell(report.Share.Describe())}.");
        }

        output.WriteLine();
        output.WriteLine("| table | objects | rows | bytes | status |");
        output.WriteLine("|---|--:|--:|--:|---|");
        foreach (var table in report.Tables)
        {
            output.WriteLine($"| `{Cell(table.Name)}` | {Number(table.Objects.Count)} | {table.RowsText} | {Number(table.Bytes)} | {(table.Error is not null ? "**error**" : report.IsPartial(table) ? "partial" : "ok")} |");
        }

        foreach (var table in report.Tables)
        {
            WriteTable(table, output);
        }

        if (report.Skipped.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("## Skipped objects");
            output.WriteLine();
            foreach (var skip in report.Skipped)
            {
                output.WriteLine($"- `{skip.Key}` (table `{skip.Table}`): {skip.Reason}");
            }
        }

        output.WriteLine();
        output.WriteLine("## Ignored objects");
        output.WriteLine();
        output.WriteLine(report.Ignored.Total == 0 ? "No object ignored." : $"{Plural(report.Ignored.Total, "object")} ignored: {report.Ignored.Describe()}.");
    }

    private static void WriteTable(DiscoveryReport.TableEntry table, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## {table.Name}");
        output.WriteLine();
        if (table.Error is not null)
        {
            output.WriteLine($"> **Error:** {table.Error}");
            output.WriteLine();
        }

        output.WriteLine($"{Plural(table.Objects.Count, "object")}, {table.RowsText} row{(table.Rows == 1 && table.RowsExact ? "" : "s")}, {Plural(table.Bytes, "byte")}.");
        if (table.InferenceText is { } inference)
        {
            output.WriteLine();
            output.WriteLine($"Format {inference}.");
        }

        if (table.Columns.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(table.Error is null ? "Columns (besides `_cq_id` and `_cq_parent_id`):" : "Columns of its first object:");
            output.WriteLine();
            output.WriteLine("| column | type | nullable |");
            output.WriteLine("|---|---|---|");
            foreach (var column in table.Columns)
            {
                output.WriteLine($"| `{Cell(column.Name)}` | `{Cell(column.Type)}` | {(column.Nullable ? "yes" : "no")} |");
            }
        }

        var evolved = table.Columns.Where(c => c.EvolutionText is not null).ToList();
        if (evolved.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Schema evolution: " + string.Join("; ", evolved.Select(c => $"`{Cell(c.Name)}` {c.EvolutionText}")) + ".");
        }

        if (table.PartitionColumns.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Hive partition columns: {string.Join(", ", table.PartitionColumns.Select(c => $"`{Cell(c)}`"))}.");
        }

        if (table.Objects.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| object | bytes | rows | last modified (UTC) |");
            output.WriteLine("|---|--:|--:|---|");
            foreach (var obj in table.Objects)
            {
                output.WriteLine($"| `{Cell(obj.Key)}` | {Number(obj.Size)} | {obj.RowsText} | {obj.LastModified.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} |");
            }
        }
    }

    /// <summary>A pipe would end a table cell early, even inside a code span.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(long count, string noun) => $"{Number(count)} {noun}{(count == 1 ? "" : "s")}";
}
