namespace CqSourceS3.Client.Tables;

/// <summary>Where the values of one output column come from.</summary>
internal enum CqColumnOrigin
{
    /// <summary><c>_cq_id</c> made by the <see cref="CqIdGenerator"/> (the file has no id column).</summary>
    GeneratedId,

    /// <summary><c>_cq_id</c> taken from the file's own <c>_cq_id</c> column, generated where null or invalid.</summary>
    ReusedId,

    /// <summary><c>_cq_parent_id</c> with every row null (the file has no parent id column).</summary>
    NullParentId,

    /// <summary><c>_cq_parent_id</c> taken from the file's own <c>_cq_parent_id</c> column.</summary>
    ReusedParentId,

    /// <summary>A data column passed through from the file without copying.</summary>
    FileColumn,
}

/// <summary>The origin of one output column and, unless generated, the index of the file column it reads.</summary>
/// <param name="Origin">Where the values come from.</param>
/// <param name="FileColumnIndex">The file column read, or -1 for <see cref="CqColumnOrigin.GeneratedId"/> and
/// <see cref="CqColumnOrigin.NullParentId"/>.</param>
internal readonly record struct CqColumnSource(CqColumnOrigin Origin, int FileColumnIndex);
