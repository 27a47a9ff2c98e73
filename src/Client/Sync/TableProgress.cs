namespace CqSourceS3.Client.Sync;

/// <summary>Per-table counters of one sync, updated by the parallel readers.</summary>
public sealed class TableProgress
{
    private long _objects;
    private long _rows;
    private long _bytes;

    /// <summary>Objects read completely.</summary>
    public long Objects => Interlocked.Read(ref _objects);

    /// <summary>Rows sent.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Size of the objects read completely.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    internal void ObjectDone(long rows, long bytes)
    {
        Interlocked.Increment(ref _objects);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _bytes, bytes);
    }
}
