using System.Globalization;
using CqSourceS3.Bench.Measure;

namespace CqSourceS3.Bench.Runs;

/// <summary>
/// The parts of a results section about sharding (issue #18): the balance target's row, from the shares the four
/// plugins of <c>shard-balance</c> logged, and a paragraph on the sharded sync of the reference set against the
/// unsharded one. The CPU target itself is an ordinary ratio row of <see cref="ResultsReport"/>.
/// </summary>
internal static class ShardReport
{
    public const string BalanceTarget = "objects per shard of 4, small files, as each plugin logged its share";

    /// <summary>The balance target's row: smallest and largest share of the first run (every run must agree).</summary>
    public static string BalanceRow(ScenarioSummary? balance)
    {
        var limit = string.Create(CultureInfo.InvariantCulture, $"each 25% ± {ShardBalance.Tolerance * 100:F0}%");
        if (balance?.Runs[0].Shares is not { } shares)
        {
            return $"| {BalanceTarget} | not run | {limit} | — |";
        }

        var measured = new ShardBalance(shares);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {BalanceTarget} | {measured.MinShare * 100:F2}%–{measured.MaxShare * 100:F2}% of {measured.TotalObjects:N0}{Agreement(balance)} | {limit} | {(measured.Met ? "yes" : "**no**")} |");
    }

    /// <summary>What each shard got and spent, after the targets table; empty when neither sharded scenario ran.</summary>
    public static string Context(ScenarioSummary? balance, ScenarioSummary? shards, ScenarioSummary? unsharded, ScenarioSummary? firstTouch)
    {
        var lines = new List<string>();
        if (balance?.Runs[0].Shares is { } balanceShares)
        {
            lines.Add($"Objects per shard of the small-files set (as logged by the plugins): {new ShardBalance(balanceShares).PerShard()}.");
        }

        if (shards?.Runs[0].Shares is { } referenceShares)
        {
            var sharded = string.Create(CultureInfo.InvariantCulture,
                $"Four shards of the reference set at once, as one `local-sync` split by `--shard 1/4` … `4/4`: objects per shard {new ShardBalance(referenceShares).PerShard()}; "
                + $"plugin CPU s of the four added up {shards.CpuSeconds?.Median:F2} ({shards.CpuSeconds?.Min:F2}–{shards.CpuSeconds?.Max:F2}){PerShardCpu(shards)}, "
                + $"wall {shards.Seconds.Median:F3} s, client CPU s {shards.ClientCpuSeconds?.Median:F2}");
            lines.Add(unsharded is null ? sharded + "." : sharded + string.Create(CultureInfo.InvariantCulture,
                $"; the unsharded sync of the same run: plugin CPU s {unsharded.CpuSeconds?.Median:F2}, wall {unsharded.Seconds.Median:F3} s, client CPU s {unsharded.ClientCpuSeconds?.Median:F2}."));
            if (FirstUseOfMemory(shards, unsharded, firstTouch) is { } firstUse)
            {
                lines.Add(firstUse);
            }
        }

        return lines.Count == 0 ? string.Empty : "\n" + string.Join("\n\n", lines) + "\n";
    }

    /// <summary>
    /// Each shard's plugin CPU seconds, median over the runs: a shard given no objects shows what one more process
    /// costs before it reads any row (start of the sync, discovery, first use of the code it runs).
    /// </summary>
    private static string PerShardCpu(ScenarioSummary shards)
    {
        if (shards.Runs.Any(r => r.ShardCpuSeconds is null))
        {
            return string.Empty;
        }

        var count = shards.Runs[0].ShardCpuSeconds!.Count;
        var perShard = Enumerable.Range(0, count).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i + 1}/{count}: {Stat.Of(shards.Runs.Select(r => r.ShardCpuSeconds![i])).Median:F2}"));
        return $", by shard (medians) {string.Join(", ", perShard)}";
    }

    /// <summary>
    /// How much of the shards' extra CPU is first use of memory: each process writes every page its work needs once,
    /// and the minor faults counted over the timed spans, weighed with this machine's cost of one
    /// (<see cref="PageFirstTouch"/>), give the CPU that took. Null unless all three were measured.
    /// </summary>
    private static string? FirstUseOfMemory(ScenarioSummary shards, ScenarioSummary? unsharded, ScenarioSummary? firstTouch)
    {
        if (unsharded?.MinorFaults is not { } unshardedFaults || shards.MinorFaults is not { } shardFaults
            || firstTouch?.MinorFaults is not { } touchFaults || firstTouch.CpuSeconds is not { } touchCpu || touchFaults.Median <= 0
            || unsharded.CpuSeconds is not { } unshardedCpu || shards.CpuSeconds is not { } shardCpu)
        {
            return null;
        }

        var secondsPerFault = touchCpu.Median / touchFaults.Median;
        var extraFaults = shardFaults.Median - unshardedFaults.Median;
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"First use of memory: minor page faults over the timed span (medians), the four shards {shardFaults.Median:N0} together, the unsharded sync {unshardedFaults.Median:N0}. ");
        var cost = string.Create(CultureInfo.InvariantCulture,
            $"One first write to a fresh page cost this machine {secondsPerFault * 1e6:F1} µs of CPU (`{PageFirstTouch.Scenario}`: {touchFaults.Median:N0} faults in {touchCpu.Median:F3} CPU s), ");
        var share = string.Create(CultureInfo.InvariantCulture,
            $"so the shards' {extraFaults:N0} more faults account for about {extraFaults * secondsPerFault:F2} of the {shardCpu.Median - unshardedCpu.Median:F2} CPU s between the two; ");
        return counts + cost + share + "the rest is what four processes at once on two cores cost besides (cold caches, switches between processes).";
    }

    /// <summary>The shares come from the object keys alone, so every run must log the same ones.</summary>
    private static string Agreement(ScenarioSummary balance) =>
        balance.Runs.All(r => r.Shares is { } s && s.SequenceEqual(balance.Runs[0].Shares!)) ? string.Empty : " (run 1; the runs **disagreed**)";
}
