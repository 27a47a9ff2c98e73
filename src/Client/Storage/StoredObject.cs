namespace CqSourceS3.Client.Storage;

/// <summary>One object as a listing reports it.</summary>
/// <param name="Key">The full key (S3) or the path relative to the folder with <c>/</c> separators (local).</param>
/// <param name="Size">Size in bytes; ranged reads never go past it.</param>
/// <param name="LastModified">When the store last saw the object written (UTC).</param>
/// <param name="ETag">Opaque content tag, when the store has one; a change means the object was rewritten.</param>
/// <param name="VersionId">The S3 version id, when versioning is on.</param>
public sealed record StoredObject(string Key, long Size, DateTimeOffset LastModified, string? ETag = null, string? VersionId = null);
