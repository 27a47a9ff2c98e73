using System.Runtime.CompilerServices;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>
/// The real S3 store with <see cref="StoreControl"/>'s faults on top: hidden keys are left out of listings, a listing
/// asked to fail stops after its first object, and a denied read fails as the S3 store reports a 403 (<see cref="StoreFailure.AccessDenied"/>, which stops the sync).
/// </summary>
internal sealed class ControlledObjectStore(IObjectStore inner, StoreControl control) : IObjectStore
{
    public string Location => inner.Location;

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fail = control.TakeListingFailure();
        await foreach (var obj in inner.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (control.IsListed(obj.Key))
            {
                yield return obj;
            }

            if (fail)
            {
                throw new StoreException(StoreFailure.Unknown, Location, null, $"listing {Location} failed part-way (injected by the test)");
            }
        }
    }

    public Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (control.ReadIsDenied(obj.Key))
        {
            throw new StoreException(StoreFailure.AccessDenied, Location, obj.Key, $"access denied reading '{obj.Key}' in {Location} (injected by the test)");
        }

        return inner.OpenRangeAsync(obj, offset, length, cancellationToken);
    }

    public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken) => inner.CheckAccessAsync(prefix, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
