using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// Reads the log file of one plugin process (a soak sync, a shard of a sharded sync): JSON lines in the CloudQuery CLI's zerolog shape (the plugin's stdout) and
/// anything else (its stderr, where the .NET runtime writes a fatal error before the process dies). Events are told
/// apart by the fixed start of their message, which the plugin's source-generated log methods keep stable.
/// </summary>
internal static partial class PluginLogFile
{
    /// <summary>Enough of a fatal error's text to name it ("Process terminated. A callback was made on…").</summary>
    private const int OtherLinesKept = 5;

    private const int ErrorsKept = 3;

    public static PluginLogSummary Read(string path)
    {
        var skips = new List<SkipEntry>();
        var other = new List<string>();
        var errors = new List<string>();
        var retries = 0;
        var errorCount = 0;
        SyncFinished? finished = null;
        ShardShareLine? share = null;
        foreach (var line in File.Exists(path) ? File.ReadLines(path) : [])
        {
            using var json = TryParse(line);
            if (json is null)
            {
                if (other.Count < OtherLinesKept && !string.IsNullOrWhiteSpace(line))
                {
                    other.Add(line.Trim());
                }

                continue;
            }

            var root = json.RootElement;
            var message = Text(root, "message");
            if (message.StartsWith("Skipping object ", StringComparison.Ordinal))
            {
                skips.Add(Skip(Text(root, "key"), Text(root, "reason")));
            }
            else if (message.StartsWith("Retrying ", StringComparison.Ordinal))
            {
                retries++;
            }
            else if (message.StartsWith("Sync finished:", StringComparison.Ordinal))
            {
                finished = new SyncFinished(Number(root, "rows"), (int)Number(root, "objects"), (int)Number(root, "skipped"));
            }
            else if (message.StartsWith(ShardShareLine.MessageStart, StringComparison.Ordinal))
            {
                share = ShardShareLine.Parse(message);
            }

            if (Text(root, "level") == "error" && errorCount++ < ErrorsKept)
            {
                errors.Add(message);
            }
        }

        return new PluginLogSummary(finished, skips, retries, errorCount, errors, other) { Share = share };
    }

    /// <summary>
    /// A skip with its reason made comparable across objects: the key left out, and the "(after N rows were sent)"
    /// of an object that failed part-way taken off and kept as a number, since those rows did reach the client.
    /// </summary>
    private static SkipEntry Skip(string key, string reason)
    {
        var partial = PartialSuffix().Match(reason);
        var rowsSent = partial.Success ? long.Parse(partial.Groups["rows"].Value, CultureInfo.InvariantCulture) : 0;
        var general = (partial.Success ? reason[..partial.Index] : reason).Replace(key, "…", StringComparison.Ordinal);
        return new SkipEntry(general, rowsSent);
    }

    private static JsonDocument? TryParse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static long Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : -1;

    [GeneratedRegex(@" \(after (?<rows>[0-9]+) rows were sent\)$")]
    private static partial Regex PartialSuffix();
}

/// <summary>
/// What one sync's plugin logged: its closing <c>Sync finished</c> figures (rows of objects read whole, those
/// objects, objects skipped), every skipped object, the retries, the error lines (how many, and the first few) and
/// the first lines that were not JSON (the runtime's own output, e.g. a fatal error); for a sharded sync, the share
/// the plugin said it was given.
/// </summary>
internal sealed record PluginLogSummary(
    SyncFinished? Finished,
    IReadOnlyList<SkipEntry> Skips,
    int Retries,
    int ErrorCount,
    IReadOnlyList<string> FirstErrors,
    IReadOnlyList<string> OtherLines)
{
    /// <summary>Rows of objects skipped part-way: sent to the client, but not in the plugin's own row count.</summary>
    public long PartialRows => Skips.Sum(s => s.RowsSent);

    /// <summary>The <c>Sharded sync</c> line at the start of a sharded sync; null when there was none.</summary>
    public ShardShareLine? Share { get; init; }
}

/// <summary>The plugin's closing line of a sync: rows of the objects read whole, those objects, and objects skipped.</summary>
internal sealed record SyncFinished(long Rows, int Objects, int Skipped);

/// <summary>One skipped object: its reason with the key left out, and the rows of it sent before it failed.</summary>
internal sealed record SkipEntry(string Reason, long RowsSent);
