using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tests.Storage;

/// <summary>Drains listings and range streams of any <see cref="IObjectStore"/> for assertions.</summary>
internal static class StoreReading
{
    public static async Task<List<StoredObject>> ListAsync(IObjectStore store, string prefix)
    {
        var result = new List<StoredObject>();
        await foreach (var obj in store.ListAsync(prefix, CancellationToken.None))
        {
            result.Add(obj);
        }

        return result;
    }

    public static async Task<List<string>> ListKeysAsync(IObjectStore store, string prefix) =>
        [.. (await ListAsync(store, prefix)).Select(o => o.Key)];

    public static async Task<byte[]> ReadRangeAsync(IObjectStore store, StoredObject obj, long offset, long length)
    {
        await using var stream = await store.OpenRangeAsync(obj, offset, length, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
