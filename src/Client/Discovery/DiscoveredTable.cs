using CqSourceS3.Client.Evolution;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// One table found in the bucket: its objects (with their footers, in key order) and its CloudQuery schema, or
/// the reason it cannot be synced (a schema mismatch, a name collision, an unusable column).
/// </summary>
public sealed record DiscoveredTable(string Name, IReadOnlyList<ObjectFileInfo> Files, string? Error)
{
    /// <summary>The CloudQuery table; null when <see cref="Error"/> is set.</summary>
    internal CqTableSchema? Table { get; init; }

    /// <summary>The table's hive partition columns and each object's values; none when it has no partition folders.</summary>
    internal PartitionLayout Partitions { get; init; } = PartitionLayout.None;

    /// <summary>
    /// Under <c>schema_policy: union_by_name</c>, per file column of the table: in how many objects it is missing and
    /// which types were widened into its type. Empty under the other policies.
    /// </summary>
    public IReadOnlyList<ColumnEvolution> Evolution { get; init; } = [];

    /// <summary>
    /// A text table's objects with the types inference gave each of them, before its columns were widened to one type
    /// per table (<see cref="TextColumnWidening"/>); empty for Parquet tables, whose objects keep their own types.
    /// </summary>
    internal IReadOnlyList<ObjectFileInfo> TypedAsInferred { get; init; } = [];

    /// <summary>The names of the hive partition columns, in key order (appended after the file's columns).</summary>
    public IReadOnlyList<string> PartitionColumns => Partitions.Names;

    /// <summary>Total size of the table's objects in bytes.</summary>
    public long Bytes => Files.Sum(f => f.StoredObject.Size);

    /// <summary>Total rows according to the footers.</summary>
    public long Rows => Files.Sum(f => f.RowCount);
}
