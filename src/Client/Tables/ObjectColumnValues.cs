using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// What one object contributes to its rows' appended columns: the object itself for the lineage columns, and
/// its parsed partition values (see <see cref="HiveValueParser"/>) for the partition columns.
/// </summary>
/// <param name="Object">The object being read.</param>
/// <param name="PartitionValues">Indexed by <see cref="AppendedColumn.PartitionIndex"/>: each value null or of
/// the CLR type <see cref="HiveValueParser.Parse"/> returns for the column's type.</param>
internal sealed record ObjectColumnValues(StoredObject Object, IReadOnlyList<object?> PartitionValues);
