namespace CqSourceS3.Bench.Mirror;

/// <summary>One timed step: wall seconds, this process's CPU seconds, and the state backend's (null: no backend involved).</summary>
internal sealed record MirrorStateMeasure(double WallSeconds, double OwnCpuSeconds, double? BackendCpuSeconds);

/// <summary>What the mirror state of one table of <see cref="Keys"/> objects costs, step by step.</summary>
/// <param name="Keys">Objects remembered.</param>
/// <param name="Rows">State rows: 256 buckets and the marker.</param>
/// <param name="Bytes">Characters of the state keys and values (ASCII: bytes), as the backend holds them.</param>
/// <param name="Encode">MirrorState.SaveAsync of every key into memory: hashing, bucketing, deflate, base64.</param>
/// <param name="Decode">MirrorState.LoadAsync of that state from memory.</param>
/// <param name="FirstWrite">SaveAsync and FlushAsync through GrpcStateStore into an empty backend: every bucket.</param>
/// <param name="FirstFlush">The FlushAsync part of <see cref="FirstWrite"/>: one Write stream with one insert.</param>
/// <param name="IncrementalWrite">SaveAsync and FlushAsync after 10 new keys, into a freshly opened store.</param>
/// <param name="IncrementalRows">State rows that write sent: the buckets of the 10 new keys.</param>
/// <param name="Open">GrpcStateStore.ConnectAsync after both writes: GetVersions, MigrateTable and the Read of all rows.</param>
internal sealed record MirrorStateResult(
    int Keys,
    int Rows,
    long Bytes,
    MirrorStateMeasure Encode,
    MirrorStateMeasure Decode,
    MirrorStateMeasure FirstWrite,
    MirrorStateMeasure FirstFlush,
    MirrorStateMeasure IncrementalWrite,
    int IncrementalRows,
    MirrorStateMeasure Open);
