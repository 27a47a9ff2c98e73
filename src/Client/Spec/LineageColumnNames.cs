namespace CqSourceS3.Client.Spec;

/// <summary>
/// The values of <c>lineage_columns</c>. Each adds the column <see cref="ColumnPrefix"/> + value; the prefix is not
/// <c>_cq_</c> because the CloudQuery CLI owns that one.
/// </summary>
public static class LineageColumnNames
{
    /// <summary>What every lineage column's name starts with.</summary>
    public const string ColumnPrefix = "_source_";

    /// <summary><c>_source_key</c>, utf8: the object's key.</summary>
    public const string Key = "key";

    /// <summary><c>_source_last_modified</c>, timestamp[us, UTC]: the object's LastModified.</summary>
    public const string LastModified = "last_modified";

    /// <summary><c>_source_etag</c>, utf8: the object's ETag.</summary>
    public const string ETag = "etag";

    /// <summary><c>_source_version_id</c>, utf8: the object's version, null where the store keeps none.</summary>
    public const string VersionId = "version_id";

    /// <summary><c>_source_row</c>, int64: the row's 0-based number inside its object.</summary>
    public const string Row = "row";
}
