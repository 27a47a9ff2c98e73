using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// A hand-written in-memory <see cref="IObjectStore"/> for unit tests: records every ranged read, rejects ranges
/// outside an object (so a suffix or overlong range fails the test), and lets a test fail or stall reads.
/// </summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, (StoredObject Object, byte[] Content)> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RangeRead> _reads = new();
    private readonly ConcurrentQueue<string> _listings = new();

    public InMemoryObjectStore(string location = "memory://test")
    {
        Location = location;
    }

    /// <inheritdoc />
    public string Location { get; }

    /// <summary>Every ranged read so far, in order.</summary>
    public IReadOnlyList<RangeRead> Reads => [.. _reads];

    /// <summary>The prefix of every listing so far, in order.</summary>
    public IReadOnlyList<string> Listings => [.. _listings];

    /// <summary>Bytes handed out by ranged reads so far.</summary>
    public long BytesRead => _reads.Sum(r => r.Length);

    /// <summary>Runs before each ranged read on the reading thread; may throw or block (e.g. to imitate a hang).</summary>
    public Action<RangeRead>? BeforeRead { get; set; }

    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> and returns the listed object.</summary>
    public StoredObject Put(string key, byte[] content, DateTimeOffset? lastModified = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var obj = new StoredObject(key, content.Length, lastModified ?? DateTimeOffset.UnixEpoch, ETag: $"\"{content.Length:x}\"");
        _objects[key] = (obj, content);
        return obj;
    }

    /// <summary>Deletes the object <paramref name="key"/>, as a user deleting it from the bucket.</summary>
    public void Delete(string key) => _objects.Remove(key, out _);

    /// <summary>When set, the next listing fails with it after yielding the first object (a listing cut short).</summary>
    public Exception? FailNextListing { get; set; }

    /// <summary>A copy of the bytes stored under <paramref name="key"/>.</summary>
    public byte[] ContentOf(string key) => (byte[])_objects[key].Content.Clone();

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _listings.Enqueue(prefix);
        var failure = FailNextListing;
        FailNextListing = null;
        foreach (var entry in _objects.Values.Where(e => e.Object.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(e => e.Object.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry.Object;
            if (failure is not null)
            {
                throw failure;
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_objects.TryGetValue(obj.Key, out var entry))
        {
            throw new StoreException(StoreFailure.ObjectNotFound, Location, obj.Key, $"object '{obj.Key}' does not exist");
        }

        if (offset < 0 || length <= 0 || offset + length > entry.Content.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"range {offset}+{length} is outside '{obj.Key}' ({entry.Content.Length} bytes)");
        }

        var read = new RangeRead(obj.Key, offset, length);
        _reads.Enqueue(read);
        BeforeRead?.Invoke(read);
        return Task.FromResult<Stream>(new MemoryStream(entry.Content, (int)offset, (int)length, writable: false));
    }

    /// <inheritdoc />
    public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>One ranged read: bytes <paramref name="Offset"/> to <paramref name="Offset"/> + <paramref name="Length"/> - 1 of <paramref name="Key"/>.</summary>
public sealed record RangeRead(string Key, long Offset, long Length);
