namespace CqSourceS3.Client.Tables;

/// <summary>
/// A lineage column: where a row came from, so a destination table can be traced back to (or purged by) the
/// object that fed it. The spec's values are <see cref="LineageColumns.SpecValue"/>.
/// </summary>
internal enum LineageColumn
{
    /// <summary><c>_source_key</c>: the object key (spec value <c>key</c>).</summary>
    Key,

    /// <summary><c>_source_last_modified</c>: when the store last saw the object written (spec value <c>last_modified</c>).</summary>
    LastModified,

    /// <summary><c>_source_etag</c>: the object's ETag (spec value <c>etag</c>).</summary>
    Etag,

    /// <summary><c>_source_version_id</c>: the S3 version id, null without versioning (spec value <c>version_id</c>).</summary>
    VersionId,

    /// <summary><c>_source_row</c>: the row's number inside the object, from 0 (spec value <c>row</c>).</summary>
    Row,
}
