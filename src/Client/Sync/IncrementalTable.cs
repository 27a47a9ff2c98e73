using System.Collections.Concurrent;
using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Sync;

/// <summary>
/// One table's incremental bookkeeping during a sync: its state key, which listed objects the cursor selected, and
/// how each selected object ended. The next cursor is computed from these only after every read finished, and
/// stored only after the whole sync succeeded (the caller flushes), so a failed run never advances it.
/// </summary>
internal sealed class IncrementalTable(string stateKey, CursorSelection selection)
{
    private readonly ConcurrentBag<StoredObject> _succeeded = [];
    private readonly ConcurrentBag<StoredObject> _transient = [];
    private readonly ConcurrentBag<StoredObject> _permanent = [];
    private readonly ConcurrentBag<StoredObject> _partlySent = [];
    private readonly HashSet<string> _selectedKeys = [.. selection.ToRead.Select(o => o.Key)];

    public string StateKey { get; } = stateKey;

    public CursorSelection Selection { get; } = selection;

    public bool IsSelected(StoredObject obj) => _selectedKeys.Contains(obj.Key);

    public void Succeeded(StoredObject obj) => _succeeded.Add(obj);

    public void Failed(StoredObject obj, bool transient, long rowsSent = 0)
    {
        (transient ? _transient : _permanent).Add(obj);
        if (rowsSent > 0)
        {
            _partlySent.Add(obj);
        }
    }

    /// <summary>Objects read completely in this run.</summary>
    public IReadOnlyCollection<StoredObject> SucceededObjects => _succeeded;

    /// <summary>Objects found unreadable for good (corrupt, unsupported): passed, as the cursor passes them.</summary>
    public IReadOnlyCollection<StoredObject> PermanentlyFailed => _permanent;

    /// <summary>Objects whose read failed after some of their rows were sent: the destination holds them in part.</summary>
    public IReadOnlyCollection<StoredObject> PartlySent => _partlySent;

    /// <summary>Objects whose footer could not be read count as failed reads of this run, so the cursor cannot pass a transient one.</summary>
    public void FooterFailed(IEnumerable<SkippedObject> skipped)
    {
        foreach (var skip in skipped.Where(s => s.StoredObject is not null && IsSelected(s.StoredObject)))
        {
            Failed(skip.StoredObject!, skip.Transient);
        }
    }

    /// <summary>The table's mirror bookkeeping (<c>mirror: true</c>); null when the table is not mirrored.</summary>
    public Mirror.MirrorTable? Mirror { get; init; }

    public TableCursor Next(TimeSpan lookback) => Selection.Advance([.. _succeeded], [.. _transient], [.. _permanent], lookback);
}
