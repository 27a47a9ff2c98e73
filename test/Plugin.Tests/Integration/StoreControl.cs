using System.Collections.Concurrent;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// What a test tells the plugin's store to do wrong, shared between the test and the <see cref="ControlledObjectStore"/>
/// inside the server: keys the listing does not show yet (a late-arriving key), and a key whose data reads are denied
/// (a sync that fails mid-way).
/// </summary>
internal sealed class StoreControl
{
    private readonly ConcurrentDictionary<string, bool> _hidden = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string? _denied;
    private string? _trigger;
    private bool _deniedSeen;
    private bool _denying;

    /// <summary>Keeps <paramref name="key"/> out of listings until <see cref="Show"/>.</summary>
    public void Hide(string key) => _hidden[key] = true;

    /// <summary>Lists <paramref name="key"/> again.</summary>
    public void Show(string key) => _hidden.TryRemove(key, out _);

    /// <summary>
    /// Denies the data reads of <paramref name="denied"/>, letting its footer be read in discovery: reads of it fail
    /// once <paramref name="trigger"/> was read after it. With concurrency 1 discovery reads the footers in listing
    /// order (trigger, then denied), and the data phase reads trigger before denied, so the sync has sent its
    /// MigrateTable and trigger's Inserts when denied fails. Null stops denying.
    /// </summary>
    public void DenyDataReadsOf(string? denied, string trigger)
    {
        lock (_gate)
        {
            _denied = denied;
            _trigger = trigger;
            _deniedSeen = false;
            _denying = false;
        }
    }

    /// <summary>Whether the listing shows <paramref name="key"/>.</summary>
    public bool IsListed(string key) => !_hidden.ContainsKey(key);

    /// <summary>Notes a read of <paramref name="key"/>; true when it must fail.</summary>
    public bool ReadIsDenied(string key)
    {
        lock (_gate)
        {
            if (key == _denied)
            {
                _deniedSeen = true;
                return _denying;
            }

            _denying |= _deniedSeen && key == _trigger;
            return false;
        }
    }
}
