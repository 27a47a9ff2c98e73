using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.State;

/// <summary>
/// The version of one key a cursor remembers as synced: enough to tell, when the key is listed again,
/// whether it is the very object already read or a rewrite that must be read again.
/// </summary>
/// <param name="LastModified">The object's LastModified when it was synced (UTC).</param>
/// <param name="ETag">Its ETag, when the store reported one.</param>
/// <param name="VersionId">Its S3 version id, when the store reported one.</param>
internal sealed record SyncedObject(DateTimeOffset LastModified, string? ETag, string? VersionId)
{
    /// <summary>The version of <paramref name="obj"/> as the listing reports it.</summary>
    public static SyncedObject From(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new SyncedObject(obj.LastModified.ToUniversalTime(), obj.ETag, obj.VersionId);
    }

    /// <summary>
    /// Whether <paramref name="obj"/> is this version. Every field must agree: a rewrite inside the same second
    /// keeps LastModified but changes the ETag, and a rewrite of identical bytes keeps the ETag but not LastModified.
    /// </summary>
    public bool Matches(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.LastModified == LastModified
            && string.Equals(obj.ETag, ETag, StringComparison.Ordinal)
            && string.Equals(obj.VersionId, VersionId, StringComparison.Ordinal);
    }
}
