using System.Globalization;

namespace CqSourceS3.Client.Sharding;

/// <summary>
/// One shard of a sync run as several processes: shard <see cref="Num"/> of <see cref="Total"/>, 1-based, as
/// <c>cloudquery sync --shard N/M</c> sends it in <c>Sync.Request.shard</c>. Made only through <see cref="Create"/> or
/// <see cref="TryParse"/>, so every instance is valid.
/// </summary>
public sealed record SyncShard
{
    private SyncShard(int num, int total)
    {
        Num = num;
        Total = total;
    }

    /// <summary>This shard's number, from 1 to <see cref="Total"/>.</summary>
    public int Num { get; }

    /// <summary>How many shards the work is divided into.</summary>
    public int Total { get; }

    /// <summary>
    /// What a shard appends to each of its state keys, so that shards of one source never read or overwrite each
    /// other's cursors, and a different <see cref="Total"/> (another division of the objects) starts new ones.
    /// </summary>
    public string StateKeySuffix => string.Create(CultureInfo.InvariantCulture, $"#shard={Num}/{Total}");

    /// <summary>The shard <paramref name="num"/> of <paramref name="total"/>.</summary>
    /// <exception cref="InvalidShardException">When <paramref name="num"/> or <paramref name="total"/> is below 1, or num is above total.</exception>
    public static SyncShard Create(int num, int total) =>
        Problem(num, total) is { } problem ? throw new InvalidShardException(Text(num, total), problem) : new SyncShard(num, total);

    /// <summary>Reads <c>N/M</c> as the command line's <c>--shard</c> takes it; <paramref name="problem"/> says why not.</summary>
    public static bool TryParse(string text, out SyncShard? shard, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        shard = null;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var num)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            problem = "must be N/M, two whole numbers such as 2/4 (shard 2 of 4)";
            return false;
        }

        problem = Problem(num, total);
        if (problem is null)
        {
            shard = new SyncShard(num, total);
        }

        return problem is null;
    }

    /// <inheritdoc />
    public override string ToString() => Text(Num, Total);

    private static string Text(int num, int total) => string.Create(CultureInfo.InvariantCulture, $"{num}/{total}");

    /// <summary>The CloudQuery CLI's own rules for <c>--shard</c>: both numbers at least 1, and num at most total.</summary>
    private static string? Problem(int num, int total) =>
        total < 1 ? "the total must be at least 1"
        : num < 1 ? "the shard number must be at least 1"
        : num > total ? "the shard number must not be greater than the total"
        : null;
}
