using CqSourceS3.Bench.Plugin;

namespace CqSourceS3.Bench.Measure;

/// <summary>
/// One timed run of one scenario. Rows and Parquet bytes are what the run covered; peak RSS is the measured
/// process's high-water mark (null when nothing was probed, e.g. DuckDB inside node); bytes fetched are what
/// crossed the store boundary (proxy count for S3, rchar for a local folder); CPU seconds are the measured program's
/// own over the timed span (the plugin's, or DuckDB's for its scan); client CPU seconds are the bench process's over
/// a plugin scenario's span: its gRPC client decoding every Insert and, for S3, the counting proxy (for an
/// in-process S3 baseline: the SDK and the proxy); store CPU seconds are the S3 server's processes over the run;
/// sent bytes are the Arrow IPC bytes of every Insert a plugin sync sent. A sharded sync adds up its processes' CPU,
/// fetched and sent bytes, takes the largest peak RSS, and keeps the share each process logged.
/// </summary>
internal sealed record Measurement(
    string Scenario,
    double Seconds,
    long Rows,
    long ParquetBytes,
    long? PeakRssBytes,
    long? BytesFetched,
    double? CpuSeconds = null,
    double? ClientCpuSeconds = null,
    double? StoreCpuSeconds = null,
    long? SentBytes = null)
{
    /// <summary>A sharded sync's shares, as each plugin process logged its own; null for other scenarios.</summary>
    public IReadOnlyList<ShardShareLine>? Shares { get; init; }

    /// <summary>A sharded sync's plugin CPU seconds by shard (1 first), whose sum is <see cref="CpuSeconds"/>.</summary>
    public IReadOnlyList<double>? ShardCpuSeconds { get; init; }

    /// <summary>
    /// The measured processes' minor page faults over the timed span (see <see cref="ProcessProbe.MinorFaults"/>);
    /// null where they were not counted.
    /// </summary>
    public long? MinorFaults { get; init; }
}
