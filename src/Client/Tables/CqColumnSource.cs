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

    /// <summary>A partition or lineage column (<see cref="CqTableSchema.Appended"/>), one value per object.</summary>
    Appended,
}

/// <summary>The origin of one output column and the index of the file or appended column it reads.</summary>
/// <param name="Origin">Where the values come from.</param>
/// <param name="FileColumnIndex">The file column read, or -1 for <see cref="CqColumnOrigin.GeneratedId"/>,
/// <see cref="CqColumnOrigin.NullParentId"/> and <see cref="CqColumnOrigin.Appended"/>.</param>
/// <param name="AppendedIndex">For <see cref="CqColumnOrigin.Appended"/>, the index in
/// <see cref="CqTableSchema.Appended"/>; -1 otherwise.</param>
internal readonly record struct CqColumnSource(CqColumnOrigin Origin, int FileColumnIndex, int AppendedIndex = -1)
{
    /// <summary>The source of the <paramref name="index"/>th appended column.</summary>
    public static CqColumnSource FromAppended(int index) => new(CqColumnOrigin.Appended, -1, index);
}
