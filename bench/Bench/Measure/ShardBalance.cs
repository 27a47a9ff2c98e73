using System.Globalization;
using CqSourceS3.Bench.Plugin;

namespace CqSourceS3.Bench.Measure;

/// <summary>
/// How evenly a sharded sync divided the objects, from the shares the plugin processes logged. Issue #18 asks that
/// every shard of 4 hold 25% ± 3% of the 10,000-object set; the tolerance is in percentage points of all objects.
/// </summary>
internal sealed record ShardBalance(IReadOnlyList<ShardShareLine> Shares)
{
    public const double Tolerance = 0.03;

    public double Even => 1.0 / Shares.Count;

    public double MinShare => Shares.Min(s => s.ObjectShare);

    public double MaxShare => Shares.Max(s => s.ObjectShare);

    public int TotalObjects => Shares[0].TotalObjects;

    public bool Met => Shares.All(s => Math.Abs(s.ObjectShare - Even) <= Tolerance);

    /// <summary>Each shard's objects and share, e.g. <c>1/4: 2,503 (25.03%), 2/4: …</c>.</summary>
    public string PerShard() => string.Join(", ", Shares.Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Num}/{s.Total}: {s.Objects:N0} ({s.ObjectShare * 100:F2}%)")));
}
