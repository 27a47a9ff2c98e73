using System.Globalization;
using System.Text.RegularExpressions;

namespace CqSourceS3.Bench.Plugin;

/// <summary>
/// The share a sharded plugin says it was given, read back from its start-of-sync log line
/// (<c>Sharded sync: shard 2/4 (shard_by: object): 1 of 1 tables, 2503 of 10000 objects, B of T bytes, R of S rows</c>).
/// The bench measures balance from this line rather than hashing keys itself, so it measures the product, not a copy
/// of its formula.
/// </summary>
internal sealed partial record ShardShareLine(int Num, int Total, string Mode, int Objects, int TotalObjects, long Bytes, long TotalBytes, long Rows, long TotalRows)
{
    public const string MessageStart = "Sharded sync: ";

    /// <summary>This shard's objects as a fraction of all objects of the selected tables.</summary>
    public double ObjectShare => TotalObjects > 0 ? (double)Objects / TotalObjects : 0;

    /// <exception cref="FormatException">The line does not have the shape above: the plugin changed it, and the bench must follow.</exception>
    public static ShardShareLine Parse(string message)
    {
        var match = Shape().Match(message);
        if (!match.Success)
        {
            throw new FormatException($"unexpected shard line from the plugin: {message}");
        }

        int Int(string name) => int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        long Long(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new ShardShareLine(
            Int("num"), Int("total"), match.Groups["mode"].Value, Int("objects"), Int("totalObjects"),
            Long("bytes"), Long("totalBytes"), Long("rows"), Long("totalRows"));
    }

    [GeneratedRegex(@"^Sharded sync: shard (?<num>[0-9]+)/(?<total>[0-9]+) \(shard_by: (?<mode>[a-z]+)\): [0-9]+ of [0-9]+ tables, "
        + @"(?<objects>[0-9]+) of (?<totalObjects>[0-9]+) objects, (?<bytes>[0-9]+) of (?<totalBytes>[0-9]+) bytes, (?<rows>[0-9]+) of (?<totalRows>[0-9]+) rows")]
    private static partial Regex Shape();
}
