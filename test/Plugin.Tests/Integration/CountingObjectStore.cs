using System.Runtime.CompilerServices;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// Passes every call to the real store and records it in <see cref="StoreTraffic"/>, so a test can see how many
/// bytes a sync fetched and which ranges it asked for without looking inside the S3 client.
/// </summary>
internal sealed class CountingObjectStore(IObjectStore inner, StoreTraffic traffic) : IObjectStore
{
    public string Location => inner.Location;

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        traffic.Listed(prefix);
        await foreach (var obj in inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return obj;
        }
    }

    public Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        traffic.Read(new RangeRead(obj.Key, obj.Size, offset, length));
        return inner.OpenRangeAsync(obj, offset, length, cancellationToken);
    }

    public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken) => inner.CheckAccessAsync(prefix, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
