using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// How the syncs of one client run: fixed when the client is made and shared by all its runs, which never change
/// it. Tests shorten the clock, the retry waits and the progress interval here.
/// </summary>
internal sealed record SyncSettings
{
    /// <summary>The settings every client gets unless a test asks otherwise.</summary>
    public static SyncSettings Default { get; } = new();

    /// <summary>
    /// The default of <see cref="ReadBudgetBytes"/>: 8 MiB per core, at least 16 MiB. Each object in flight keeps about
    /// one core busy decoding, so admitting more row-group bytes than the cores can decode adds memory and no speed.
    /// The runs behind it are in bench/RESULTS.md: "Read budget" after the 2026-11-23 17:29 UTC run (the first budget),
    /// and the "Memory" item of the 2026-11-23 19:32 UTC run (this default).
    /// </summary>
    public static readonly long DefaultReadBudgetBytes = Math.Max(16L * 1024 * 1024, 8L * 1024 * 1024 * Environment.ProcessorCount);

    /// <summary>Read-ahead and per-object time limit of Parquet reads.</summary>
    public ParquetReadOptions ReadOptions { get; init; } = ParquetReadOptions.Default;

    /// <summary>The clock cursors, the settle window and progress lines are measured against.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How transient read failures are retried before the object is skipped.</summary>
    public TransientRetry Retry { get; init; } = TransientRetry.Default;

    /// <summary>The least time between two progress lines.</summary>
    public TimeSpan ProgressInterval { get; init; } = ProgressReporter.DefaultInterval;

    /// <summary>
    /// The most row-group bytes (compressed, as pre-buffered by the decoder) of objects read at once: opening more
    /// big objects than this on a small machine adds memory and no speed.
    /// </summary>
    public long ReadBudgetBytes { get; init; } = DefaultReadBudgetBytes;

    /// <summary>Caps each Insert far below the protocol's 100 MiB message limit.</summary>
    public long MaxRecordBytes { get; init; } = RecordBatchSlicer.DefaultMaxBytes;

    /// <summary>Footer facts from earlier discoveries (see <see cref="FooterCache"/>); null reads every footer.</summary>
    public FooterCache? Footers { get; init; }
}
