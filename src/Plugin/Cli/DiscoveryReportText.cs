using System.Globalization;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>discover --format table</c> (the default): aligned plain text for a terminal. A summary table first, then
/// each table's columns and objects, then every problem on its own line, then the totals.
/// </summary>
internal static class DiscoveryReportText
{
    public static void Write(DiscoveryReport report, string location, TextWriter output)
    {
        output.WriteLine($"source: {location}");
        if (report.Share is not null)
        {
            output.WriteLine(report.Share.Describe());
        }

        output.WriteLine();
        WriteAligned(output, ["table", "objects", "rows", "bytes", "columns", "status"], [.. report.Tables.Select(t => new[]
        {
            t.Name,
            Number(t.Objects.Count),
            t.RowsText,
            Number(t.Bytes),
            Number(t.Columns.Count),
            t.Error is not null ? "ERROR" : report.IsPartial(t) ? "partial" : "ok",
        })], rightAligned: [1, 2, 3, 4]);

        foreach (var table in report.Tables)
        {
            output.WriteLine();
            output.WriteLine($"{table.Name}: {Plural(table.Objects.Count, "object")}, {table.RowsText} row{(table.Rows == 1 && table.RowsExact ? "" : "s")}, {Plural(table.Bytes, "byte")}");
            if (table.InferenceText is { } inference)
            {
                output.WriteLine($"  {inference}");
            }

            if (table.Error is not null)
            {
                output.WriteLine($"  error: {table.Error}");
            }

            if (table.Columns.Count > 0)
            {
                output.WriteLine(table.Error is null ? "  columns (besides _cq_id, _cq_parent_id):" : "  columns of its first object:");
                WriteAligned(output, null, [.. table.Columns.Select(c => new[] { "    " + c.Name, c.Type, c.Nullable ? "nullable" : "not null", c.EvolutionText ?? "" })], rightAligned: []);
            }

            if (table.PartitionColumns.Count > 0)
            {
                output.WriteLine($"  partition columns: {string.Join(", ", table.PartitionColumns)}");
            }

            if (table.Objects.Count > 0)
            {
                output.WriteLine("  objects:");
                WriteAligned(output, null, [.. table.Objects.Select(o => new[]
                {
                    "    " + o.Key,
                    Plural(o.Size, "byte"),
                    $"{o.RowsText} row{(o.Rows == 1 && o.RowsExact ? "" : "s")}",
                    o.LastModified.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                })], rightAligned: [1, 2]);
            }
        }

        output.WriteLine();
        foreach (var table in report.Tables.Where(t => t.Error is not null))
        {
            output.WriteLine($"error: {table.Error}");
        }

        foreach (var skip in report.Skipped)
        {
            output.WriteLine($"skipped: {skip.Key} ({skip.Table}): {skip.Reason}");
        }

        output.WriteLine(report.Ignored.Total == 0 ? "ignored: 0 objects" : $"ignored: {Plural(report.Ignored.Total, "object")}: {report.Ignored.Describe()}");
        output.WriteLine($"total: {Plural(report.Tables.Count, "table")}, {Plural(report.TotalRows, "row")}, {Plural(report.TotalBytes, "byte")}, " +
            $"{report.Tables.Count(t => t.Error is not null)} with errors, {Plural(report.Skipped.Count, "object")} skipped");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(long count, string noun) => $"{Number(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>Columns padded to their widest cell, two spaces apart; with a header, a dashed rule under it.</summary>
    private static void WriteAligned(TextWriter output, string[]? header, List<string[]> rows, int[] rightAligned)
    {
        var columnCount = header?.Length ?? rows.FirstOrDefault()?.Length ?? 0;
        var widths = Enumerable.Range(0, columnCount).Select(i => rows.Select(r => r[i].Length).Append(header?[i].Length ?? 0).Max()).ToArray();
        string Line(string[] cells) =>
            string.Join("  ", cells.Select((c, i) => rightAligned.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        if (header is not null)
        {
            output.WriteLine(Line(header));
            output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }

        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }
}
