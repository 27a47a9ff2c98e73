using System.Globalization;
using System.Text.Json;
using CqSourceS3.Client.State;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Mirror;

/// <summary>
/// What the mirror of one table (of one shard) remembers between runs: every key synced, with the version read.
/// Stored beside the table's cursor (<c>&lt;cursor key&gt;#mirror</c>, a marker saying whether the last run that
/// inserted rows completed) in 256 buckets by the top byte of the key's XxHash64 (<c>&lt;cursor key&gt;#mirror/00</c> …
/// <c>/ff</c>), so a run writes only the buckets whose keys changed.
/// </summary>
internal sealed class MirrorState
{
    /// <summary>How many buckets a table's keys are spread over.</summary>
    public const int BucketCount = 256;

    private readonly string _tableKey;
    private readonly string?[] _stored;

    /// <summary>The keys of each bucket as last saved (or loaded), so a save hashes only the keys that changed.</summary>
    private readonly HashSet<string>[] _bucketKeys;

    /// <summary>The entries as last saved (or loaded): a save re-encodes only the buckets whose keys differ from them.</summary>
    private IReadOnlyDictionary<string, ulong> _saved;

    private MirrorState(string tableKey, Dictionary<string, ulong> entries, string?[] stored, HashSet<string>[] bucketKeys, bool? complete)
    {
        _tableKey = tableKey;
        Entries = entries;
        _saved = entries;
        _stored = stored;
        _bucketKeys = bucketKeys;
        LastRunComplete = complete;
    }

    /// <summary>Every remembered key and its version (<see cref="MirrorVersion.Pending"/>: rows possibly in part).</summary>
    public IReadOnlyDictionary<string, ulong> Entries { get; }

    /// <summary>
    /// True when the last run that inserted rows completed; false when one started and did not; null when this table
    /// was never mirrored (the destination may hold rows of any of its objects from syncs without mirror).
    /// </summary>
    public bool? LastRunComplete { get; }

    /// <summary>The marker's state key.</summary>
    public string MarkerKey => MarkerKeyOf(_tableKey);

    public static string MarkerKeyOf(string tableKey) => tableKey + "#mirror";

    public static string BucketKeyOf(string tableKey, int bucket) => string.Create(CultureInfo.InvariantCulture, $"{tableKey}#mirror/{bucket:x2}");

    /// <summary>The bucket of <paramref name="key"/>: the top byte of XxHash64 of its UTF-8 bytes.</summary>
    public static int BucketOf(string key) => (int)(Utf8Hash.Of(key) >> 56);

    /// <summary>The marker text: whether the last run that inserted rows completed.</summary>
    public static string MarkerText(bool complete) => complete ? """{"v":1,"complete":true}""" : """{"v":1,"complete":false}""";

    /// <summary>Reads the state of the table whose cursor is stored under <paramref name="tableKey"/>.</summary>
    /// <exception cref="CursorStateException">A stored value cannot be read: the sync stops rather than guess.</exception>
    public static async Task<MirrorState> LoadAsync(IStateStore state, string tableKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var marker = await state.GetAsync(MarkerKeyOf(tableKey), cancellationToken).ConfigureAwait(false);
        var entries = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var stored = new string?[BucketCount];
        var bucketKeys = new HashSet<string>[BucketCount];
        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            bucketKeys[bucket] = new HashSet<string>(StringComparer.Ordinal);
            var key = BucketKeyOf(tableKey, bucket);
            stored[bucket] = await state.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (stored[bucket] is not { } text)
            {
                continue;
            }

            try
            {
                foreach (var (objectKey, version) in MirrorBucketFormat.Read(text))
                {
                    entries[objectKey] = version;
                    bucketKeys[bucket].Add(objectKey);
                }
            }
            catch (FormatException e)
            {
                throw new CursorStateException(key, $"not a mirror state bucket ({e.Message})", e);
            }
        }

        return new MirrorState(tableKey, entries, stored, bucketKeys, marker is null ? null : ReadMarker(MarkerKeyOf(tableKey), marker));
    }

    /// <summary>
    /// Sets the buckets whose keys differ in <paramref name="next"/> and the marker: <paramref name="complete"/> after a
    /// run that sent everything, false before a run that is about to insert rows of keys it did not remember.
    /// </summary>
    public async Task SaveAsync(IStateStore state, IReadOnlyDictionary<string, ulong> next, CancellationToken cancellationToken, bool complete = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(next);
        // Deflating every bucket of a large table costs seconds, and so does hashing every key: only the keys added,
        // removed or changed since the last save are hashed, and only their buckets are encoded again.
        var changed = new bool[BucketCount];
        foreach (var (key, version) in next)
        {
            if (!_saved.TryGetValue(key, out var saved) || saved != version)
            {
                var bucket = BucketOf(key);
                changed[bucket] = true;
                _bucketKeys[bucket].Add(key);
            }
        }

        foreach (var key in _saved.Keys.Where(k => !next.ContainsKey(k)))
        {
            var bucket = BucketOf(key);
            changed[bucket] = true;
            _bucketKeys[bucket].Remove(key);
        }

        for (var bucket = 0; bucket < BucketCount; bucket++)
        {
            // A bucket that never held a key stays absent; one whose last key went is written empty.
            if (!changed[bucket] || (_bucketKeys[bucket].Count == 0 && _stored[bucket] is null))
            {
                continue;
            }

            var text = MirrorBucketFormat.Write(_bucketKeys[bucket].Select(k => KeyValuePair.Create(k, next[k])));
            if (_stored[bucket] != text)
            {
                await state.SetAsync(BucketKeyOf(_tableKey, bucket), text, cancellationToken).ConfigureAwait(false);
                // A run saves twice (its pending keys before, the outcome after): compare the second with the first.
                _stored[bucket] = text;
            }
        }

        _saved = new Dictionary<string, ulong>(next, StringComparer.Ordinal);
        await state.SetAsync(MarkerKey, MarkerText(complete), cancellationToken).ConfigureAwait(false);
    }

    private static bool ReadMarker(string key, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == 1
                && root.TryGetProperty("complete", out var complete) && complete.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return complete.GetBoolean();
            }
        }
        catch (JsonException e)
        {
            throw new CursorStateException(key, $"not a mirror marker ({e.Message})", e);
        }

        throw new CursorStateException(key, "not a mirror marker (expected {\"v\":1,\"complete\":true|false})");
    }
}
