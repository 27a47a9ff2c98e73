using Apache.Arrow;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Parquet;

/// <summary>What the footer of one Parquet object says, read without touching its data pages.</summary>
/// <param name="StoredObject">The object as listed.</param>
/// <param name="Schema">The Arrow schema, already normalized by <see cref="ArrowTypeNormalizer"/>: equal to the schema of every batch <see cref="ParquetBatchReader"/> yields for this object.</param>
/// <param name="RowCount">Rows according to the footer (a few writers record 0 while row groups hold rows).</param>
/// <param name="RowGroupCount">Number of row groups.</param>
/// <param name="UncompressedBytes">The row groups' uncompressed size according to the footer (0 when a writer left it out).</param>
public sealed record ParquetFileInfo(StoredObject StoredObject, Schema Schema, long RowCount, int RowGroupCount, long UncompressedBytes = 0);
