namespace CqSourceS3.Bench.Measure;

/// <summary>
/// The runs of one scenario reduced to median and range. Medians, not means: on a shared 2-core machine one run
/// stalled by a neighbour's build would drag a mean far more than it moves the median.
/// </summary>
internal sealed record ScenarioSummary(string Scenario, string Measures, IReadOnlyList<Measurement> Runs)
{
    public Stat Seconds => Stat.Of(Runs.Select(r => r.Seconds));

    public Stat RowsPerSecond => Stat.Of(Runs.Select(r => r.Seconds > 0 ? r.Rows / r.Seconds : 0));

    public Stat MegabytesPerSecond => Stat.Of(Runs.Select(r => r.Seconds > 0 ? r.ParquetBytes / 1e6 / r.Seconds : 0));

    public Stat? PeakRssMegabytes => Optional(Runs.Select(r => r.PeakRssBytes / 1e6));

    public Stat? FetchedMegabytes => Optional(Runs.Select(r => r.BytesFetched / 1e6));

    public Stat? CpuSeconds => Optional(Runs.Select(r => r.CpuSeconds));

    public Stat? ClientCpuSeconds => Optional(Runs.Select(r => r.ClientCpuSeconds));

    public Stat? StoreCpuSeconds => Optional(Runs.Select(r => r.StoreCpuSeconds));

    public Stat? SentMegabytes => Optional(Runs.Select(r => r.SentBytes / 1e6));

    public Stat? MinorFaults => Optional(Runs.Select(r => (double?)r.MinorFaults));

    public long Rows => Runs[0].Rows;

    public long ParquetBytes => Runs[0].ParquetBytes;

    private static Stat? Optional(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : Stat.Of(present);
    }
}

/// <summary>Median with the smallest and largest value of a set of runs.</summary>
internal readonly record struct Stat(double Median, double Min, double Max)
{
    public static Stat Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Stat(double.NaN, double.NaN, double.NaN);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Stat(median, sorted[0], sorted[^1]);
    }
}
