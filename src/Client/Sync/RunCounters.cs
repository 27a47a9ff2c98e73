using System.Collections.Concurrent;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Sync;

/// <summary>What one run has read and skipped so far, updated by its parallel readers. Belongs to the run.</summary>
internal sealed class RunCounters
{
    private readonly ConcurrentBag<SkippedObject> _skipped = [];
    private readonly ConcurrentDictionary<string, TableProgress> _progress = new(StringComparer.Ordinal);
    private long _rows;
    private int _objectsRead;
    private int _objectsToRead;

    /// <summary>Objects not read (footer or data unreadable, deleted meanwhile, timed out), in key order.</summary>
    public IReadOnlyList<SkippedObject> Skipped => [.. _skipped.OrderBy(s => s.Key, StringComparer.Ordinal)];

    /// <summary>How many objects were skipped so far.</summary>
    public int SkippedCount => _skipped.Count;

    /// <summary>Per selected table: objects, rows and bytes read so far.</summary>
    public IReadOnlyDictionary<string, TableProgress> Progress => _progress;

    /// <summary>Objects the run reads (after table selection and cursors); known once the first MigrateTable was sent.</summary>
    public int ObjectsToRead
    {
        get => Volatile.Read(ref _objectsToRead);
        set => Volatile.Write(ref _objectsToRead, value);
    }

    /// <summary>Objects read completely so far.</summary>
    public int ObjectsRead => Volatile.Read(ref _objectsRead);

    /// <summary>Size of the objects read completely so far.</summary>
    public long BytesRead => _progress.Values.Sum(p => p.Bytes);

    /// <summary>Rows sent so far.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    public void AddTable(string table) => _progress[table] = new TableProgress();

    public void Skip(SkippedObject skip)
    {
        _skipped.Add(skip);
        Telemetry.SyncMetrics.ObjectSkipped(skip);
    }

    /// <summary>Counts a mirrored table's deletes: keys no longer listed, and objects replaced (their rows deleted before the new read).</summary>
    public void Mirrored(string table, int deletedKeys, int replacedObjects) => _progress[table].Mirrored(deletedKeys, replacedObjects);

    public void ObjectStarting(string table, long timestamp) => _progress[table].ObjectStarting(timestamp);

    /// <summary>Counts a completely read object; returns how many are done now.</summary>
    public int ObjectDone(string table, long rows, long bytes)
    {
        Interlocked.Add(ref _rows, rows);
        var done = Interlocked.Increment(ref _objectsRead);
        _progress[table].ObjectDone(rows, bytes);
        return done;
    }
}
