using System.Diagnostics;

namespace CqSourceS3.Client.Sync;

/// <summary>Per-table counters of one sync, updated by the parallel readers.</summary>
public sealed class TableProgress
{
    private long _objects;
    private long _rows;
    private long _bytes;
    private long _firstStarted;
    private long _lastDone;

    /// <summary>Objects read completely.</summary>
    public long Objects => Interlocked.Read(ref _objects);

    /// <summary>Rows sent.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Size of the objects read completely.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary><c>mirror: true</c>: keys no longer listed whose rows were deleted.</summary>
    public int DeletedKeys { get; private set; }

    /// <summary><c>mirror: true</c>: objects whose earlier rows were deleted before they were read again (rewritten, or possibly sent before).</summary>
    public int ReplacedObjects { get; private set; }

    /// <summary>Wall time from the first object's start to the last object's end (zero until one object was read).</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var first = Interlocked.Read(ref _firstStarted);
            var last = Interlocked.Read(ref _lastDone);
            return first == 0 || last < first ? TimeSpan.Zero : Stopwatch.GetElapsedTime(first, last);
        }
    }

    internal void Mirrored(int deletedKeys, int replacedObjects) => (DeletedKeys, ReplacedObjects) = (deletedKeys, replacedObjects);

    internal void ObjectStarting(long timestamp) => Interlocked.CompareExchange(ref _firstStarted, timestamp, 0);

    internal void ObjectDone(long rows, long bytes)
    {
        Interlocked.Exchange(ref _lastDone, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _objects);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Add(ref _bytes, bytes);
    }
}
