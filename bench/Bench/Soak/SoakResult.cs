using CqSourceS3.Bench.Plugin;

namespace CqSourceS3.Bench.Soak;

internal enum SoakPhase
{
    Local,
    S3,
}

internal enum SoakOutcome
{
    Passed,

    /// <summary>The plugin lived, but its stream failed or did not end, it ignored SIGINT, or the rows were wrong.</summary>
    Failed,

    /// <summary>The plugin exited before the soak stopped it, or exited with a code other than 0 when stopped.</summary>
    Crashed,
}

/// <summary>
/// One sync of the soak: how it ended, the rows the client received, the sync's wall and plugin CPU seconds (Init
/// to the end of the stream), the plugin's peak RSS, its exit code, what its log said and where the log is.
/// </summary>
internal sealed record SoakRun(
    SoakPhase Phase,
    int Number,
    SoakOutcome Outcome,
    string? Problem,
    long Rows,
    double? Seconds,
    double? CpuSeconds,
    long? PeakRssBytes,
    int? ExitCode,
    PluginLogSummary Log,
    string LogFile)
{
    /// <summary>The changes made to the bucket while this sync ran (S3 phase only).</summary>
    public ChurnCounts? Churn { get; init; }
}

/// <summary>Requests the churn made during one sync, by kind; failed requests are counted apart and not retried.</summary>
internal sealed record ChurnCounts(int SameRows, int OtherRows, int Deleted, int Recreated, int FailedRequests)
{
    public int Changes => SameRows + OtherRows + Deleted + Recreated;
}
