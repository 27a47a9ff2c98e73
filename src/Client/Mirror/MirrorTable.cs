using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Mirror;

/// <summary>
/// One mirrored table in one run: from its remembered keys (<see cref="MirrorState"/>) and its complete listing, the
/// keys whose rows must be deleted before anything is inserted (deleted objects; rewritten ones; and objects that
/// may have rows in the destination already: all of them on the first mirrored run, new ones after a run that did
/// not complete), the keys to remember as pending before rows of new objects are sent, and after the run the keys
/// to remember.
/// </summary>
internal sealed class MirrorTable
{
    private readonly MirrorState _state;
    private readonly IReadOnlyList<StoredObject> _listed;

    /// <param name="state">What the previous runs remembered.</param>
    /// <param name="listed">The table's objects (of this shard) the cursor chooses from: readable, or whose footer failed.</param>
    /// <param name="present">Every key the complete listing gave the table, including objects skipped by <c>schema_policy</c>.</param>
    /// <param name="covers">True for a key the current selection (path_prefix, include/exclude, table rules) still gives to this table.</param>
    public MirrorTable(MirrorState state, IReadOnlyList<StoredObject> listed, IEnumerable<string> present, Func<string, bool> covers)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(covers);
        _state = state;
        _listed = listed;
        var presentKeys = listed.Select(o => o.Key).Concat(present).ToHashSet(StringComparer.Ordinal);
        // Only after a complete listing, and never a key the selection no longer covers: narrowing path_prefix or an
        // include glob must not wipe what it hides.
        Vanished = [.. state.Entries.Keys.Where(k => !presentKeys.Contains(k) && covers(k)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Remembered keys no longer listed that the selection still covers: their rows are deleted.</summary>
    public IReadOnlyList<string> Vanished { get; }

    /// <summary>True when the destination may hold rows of an object this run reads for the first time.</summary>
    private bool MayHoldUnknownRows => _state.LastRunComplete != true;

    /// <summary>An object whose remembered version differs (rewritten, or read in part before): read it whatever the cursor says.</summary>
    public bool MustRead(StoredObject obj) =>
        _state.Entries.TryGetValue(obj.Key, out var version) && version != MirrorVersion.Of(obj);

    /// <summary>The objects of <paramref name="toRead"/> whose rows must be deleted before they are read, in key order.</summary>
    public IReadOnlyList<string> Replaced(IEnumerable<StoredObject> toRead) =>
        [.. toRead.Where(o => _state.Entries.TryGetValue(o.Key, out var version) ? version != MirrorVersion.Of(o) : MayHoldUnknownRows)
            .Select(o => o.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Before a run that inserts rows of objects the state does not remember, remembers them as
    /// <see cref="MirrorVersion.Pending"/> and marks the run incomplete; the caller flushes before anything is sent. If
    /// the run fails, the next one deletes their rows before reading them again, or, if they were deleted from the
    /// bucket meanwhile, deletes their rows for good. False when there are no such objects (nothing is written).
    /// </summary>
    public async Task<bool> RememberPendingAsync(IStateStore state, IEnumerable<StoredObject> toRead, CancellationToken cancellationToken)
    {
        var unknown = toRead.Where(o => !_state.Entries.ContainsKey(o.Key)).Select(o => o.Key).ToList();
        if (unknown.Count == 0)
        {
            return false;
        }

        var pending = new Dictionary<string, ulong>(_state.Entries, StringComparer.Ordinal);
        foreach (var key in unknown)
        {
            pending[key] = MirrorVersion.Pending;
        }

        await _state.SaveAsync(state, pending, cancellationToken, complete: false).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stores what the table remembers after a run that sent every message.</summary>
    /// <param name="state">Where to write.</param>
    /// <param name="run">How each selected object ended, and which the cursor passed as already synced.</param>
    /// <param name="cancellationToken">Stops the writes.</param>
    public Task SaveAsync(IStateStore state, Sync.IncrementalTable run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var next = new Dictionary<string, ulong>(_state.Entries, StringComparer.Ordinal);
        foreach (var key in Vanished)
        {
            next.Remove(key);
        }

        // Objects the cursor passed as synced before this table was mirrored: their rows are in the destination once.
        var selected = run.Selection.ToRead.Concat(run.Selection.TooYoung).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var obj in _listed.Where(o => !selected.Contains(o.Key)))
        {
            next.TryAdd(obj.Key, MirrorVersion.Of(obj));
        }

        foreach (var obj in run.SucceededObjects.Concat(run.PermanentlyFailed))
        {
            next[obj.Key] = MirrorVersion.Of(obj);
        }

        // Read in part and failed transiently: the next run deletes those rows and reads the object again.
        foreach (var obj in run.PartlySent.Where(o => !run.PermanentlyFailed.Contains(o)))
        {
            next[obj.Key] = MirrorVersion.Pending;
        }

        return _state.SaveAsync(state, next, cancellationToken);
    }
}
