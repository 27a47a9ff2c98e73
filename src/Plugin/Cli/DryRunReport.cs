using System.Globalization;
using CqSourceS3.Client.Sync;

namespace CqSourceS3.Plugin.Cli;

/// <summary><c>sync --dry-run</c>: per selected table, the objects a sync would read (after the cursor), and why others are not.</summary>
internal static class DryRunReport
{
    public static void Print(SyncPlan plan, TextWriter output)
    {
        foreach (var table in plan.Tables)
        {
            if (table.Error is not null)
            {
                output.WriteLine($"table {table.Name}: would fail: {table.Error}");
                continue;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"table {table.Name}: {table.ToRead.Count} objects to read ({table.Bytes} bytes), {table.AlreadySynced} already synced, {table.TooYoung} left for a later run"));
            foreach (var obj in table.ToRead)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {obj.Key}  {obj.Size} bytes  {obj.LastModified:yyyy-MM-ddTHH:mm:ssZ}"));
            }
        }

        foreach (var skip in plan.Skipped)
        {
            output.WriteLine($"would skip: {skip.Key} ({skip.Table}): {skip.Reason}");
        }

        var readable = plan.Tables.Where(t => t.Error is null).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dry run: {plan.Tables.Count} tables, {readable.Sum(t => t.ToRead.Count)} objects ({readable.Sum(t => t.Bytes)} bytes) would be read; nothing was read and no state changed"));
    }
}
