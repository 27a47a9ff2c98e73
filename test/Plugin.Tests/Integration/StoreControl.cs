using System.Collections.Concurrent;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// What a test tells the plugin's store to do wrong, shared between the test and the <see cref="ControlledObjectStore"/>
/// inside the server: keys the listing does not show yet (a late-arriving key), a key whose data reads are denied
/// (a sync that fails mid-way), and a listing that fails part-way.
/// </summary>
internal sealed class StoreControl
{
    private readonly ConcurrentDictionary<string, bool> _hidden = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string? _denied;
    private string? _trigger;
    private bool _deniedSeen;
    private bool _denying;

    private int _failNextListing;

    /// <summary>Makes the next listing fail after its first object, as a listing cut short by the network.</summary>
    public void FailNextListing() => Interlocked.Exchange(ref _failNextListing, 1);

    /// <summary>True once, for the listing <see cref="FailNextListing"/> asked to fail.</summary>
    public bool TakeListingFailure() => Interlocked.Exchange(ref _failNextListing, 0) == 1;

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
