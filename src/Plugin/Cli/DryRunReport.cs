using System.Globalization;
using CqSourceS3.Client.Sync;

namespace CqSourceS3.Plugin.Cli;

/// <summary><c>sync --dry-run</c>: per selected table, the objects a sync would read (after the cursor), and why others are not.</summary>
internal static class DryRunReport
{
    /// <summary>Prints the plan; returns the exit code the sync would have as far as a plan can tell (1: a table would fail or an object be skipped).</summary>
    public static int Print(SyncPlan plan, TextWriter output)
    {
        if (plan.Share is not null)
        {
            output.WriteLine(plan.Share.Describe());
        }

        foreach (var table in plan.Tables)
        {
            if (table.Error is not null)
            {
                output.WriteLine($"table {table.Name}: would fail: {table.Error}");
                continue;
            }

            // Objects whose footer failed are not in ToRead: said on the table's own line, so a table that would
            // get only part of its objects does not look complete.
            var skipped = plan.Skipped.Count(s => s.Table == table.Name);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"table {table.Name}: {table.ToRead.Count} objects to read ({table.Bytes} bytes), {table.AlreadySynced} already synced, {table.TooYoung} left for a later run{(skipped > 0 ? $", {skipped} would be skipped" : "")}"));
            if (table.Replaced > 0 || table.Deleted.Count > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  mirror: {table.Replaced} of them replace rows sent before (deleted first), {table.Deleted.Count} objects no longer listed would have their rows deleted"));
                foreach (var key in table.Deleted)
                {
                    output.WriteLine($"  delete rows of {key}");
                }
            }

            if (table.Partitions.Count > 0)
            {
                output.WriteLine($"  partition columns: {string.Join(", ", table.Partitions)}");
            }

            foreach (var obj in table.ToRead)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {obj.Key}  {obj.Size} bytes  {obj.LastModified:yyyy-MM-ddTHH:mm:ssZ}"));
            }
        }

        foreach (var skip in plan.Skipped)
        {
            output.WriteLine($"would skip: {skip.Key} ({skip.Table}): {skip.Reason}");
        }

        if (plan.Ignored.Total > 0)
        {
            output.WriteLine($"ignored: {plan.Ignored.Describe()}");
        }

        var readable = plan.Tables.Where(t => t.Error is null).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dry run: {plan.Tables.Count} tables, {readable.Sum(t => t.ToRead.Count)} objects ({readable.Sum(t => t.Bytes)} bytes) would be read; nothing was read and no state changed"));
        return plan.Tables.Any(t => t.Error is not null) || plan.Skipped.Count > 0 ? 1 : 0;
    }
}
