namespace CqSourceS3.Client.Storage;

/// <summary>
/// The one seam between the sync and where objects live (S3, an S3-compatible store, a local folder).
/// Reads are explicit byte ranges so that a footer read never downloads a whole object.
/// </summary>
public interface IObjectStore : IAsyncDisposable
{
    /// <summary>Where objects come from, for messages and deterministic ids: <c>s3://bucket</c> or the folder path.</summary>
    string Location { get; }

    /// <summary>Lists every object whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a stream over bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> - 1
    /// of the object. The range must lie within the object's listed size.
    /// </summary>
    Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken);

    /// <summary>Checks that the bucket or folder exists and can be listed; throws <see cref="StoreException"/> if not.</summary>
    Task CheckAccessAsync(string prefix, CancellationToken cancellationToken);
}
