using System.Collections.Concurrent;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>What the plugin asked its object store for during a test: listing prefixes and ranged reads.</summary>
internal sealed class StoreTraffic
{
    private readonly ConcurrentQueue<string> _listings = new();
    private readonly ConcurrentQueue<RangeRead> _reads = new();

    /// <summary>The prefix of every listing, in call order.</summary>
    public IReadOnlyList<string> Listings => [.. _listings];

    /// <summary>Every ranged read, in call order.</summary>
    public IReadOnlyList<RangeRead> Reads => [.. _reads];

    public void Listed(string prefix) => _listings.Enqueue(prefix);

    public void Read(RangeRead read) => _reads.Enqueue(read);

    /// <summary>Bytes requested from <paramref name="key"/> over all its ranged reads.</summary>
    public long BytesRequested(string key) => _reads.Where(r => r.Key == key).Sum(r => r.Length);
}

/// <summary>One ranged read: bytes <paramref name="Offset"/> to <paramref name="Offset"/> + <paramref name="Length"/> - 1 of an object of <paramref name="Size"/> bytes.</summary>
internal sealed record RangeRead(string Key, long Size, long Offset, long Length);
