using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tables;

/// <summary>What an appended column holds.</summary>
internal enum AppendedColumnKind
{
    /// <summary>A hive partition value from the object's key (<c>year=2024</c>), the same for every row.</summary>
    Partition,

    /// <summary>The object key (<see cref="LineageColumn.Key"/>).</summary>
    SourceKey,

    /// <summary>The object's last-modified time (<see cref="LineageColumn.LastModified"/>).</summary>
    SourceLastModified,

    /// <summary>The object's ETag (<see cref="LineageColumn.Etag"/>).</summary>
    SourceEtag,

    /// <summary>The object's S3 version id (<see cref="LineageColumn.VersionId"/>).</summary>
    SourceVersionId,

    /// <summary>The row's number inside the object (<see cref="LineageColumn.Row"/>).</summary>
    SourceRow,
}

/// <summary>
/// A column the table adds after the file's own columns, whose values come from the object rather than its
/// rows. Always nullable: a partition can be absent from a key, and an object can lack an ETag or version.
/// </summary>
/// <param name="Name">The output column name.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Type">Its Arrow type: one of <see cref="HiveValueTypes.ArrowType"/>'s for a partition, the
/// lineage column's own type (<see cref="LineageColumns.ArrowType"/>) otherwise.</param>
/// <param name="PartitionIndex">For <see cref="AppendedColumnKind.Partition"/>, the index of its value in
/// <see cref="ObjectColumnValues.PartitionValues"/>; -1 for lineage columns.</param>
internal sealed record AppendedColumn(string Name, AppendedColumnKind Kind, IArrowType Type, int PartitionIndex = -1)
{
    /// <summary>"partition column" or "lineage column", for messages.</summary>
    public string Role => Kind == AppendedColumnKind.Partition ? "partition column" : "lineage column";

    /// <summary>A partition column named <paramref name="name"/> whose value is the object's
    /// <paramref name="index"/>th partition value, typed as <paramref name="type"/>.</summary>
    public static AppendedColumn Partition(string name, int index, HiveValueType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new AppendedColumn(name, AppendedColumnKind.Partition, HiveValueTypes.ArrowType(type), index);
    }

    /// <summary>The lineage column <paramref name="column"/> under its fixed name and type.</summary>
    public static AppendedColumn Lineage(LineageColumn column) =>
        new(LineageColumns.ColumnName(column), LineageColumns.KindOf(column), LineageColumns.ArrowType(column));
}
