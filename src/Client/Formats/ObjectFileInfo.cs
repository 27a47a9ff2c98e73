using Apache.Arrow;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// What discovery learned about one object without reading its data: a Parquet object's footer, or what inference
/// read from the start of a CSV or JSON Lines object. Cached by <see cref="Discovery.FooterCache"/> for exactly this
/// version of the object.
/// </summary>
/// <param name="StoredObject">The object as listed.</param>
/// <param name="Schema">The Arrow schema, equal to the schema of every batch the object's reader yields (Parquet's normalized by <see cref="Parquet.ArrowTypeNormalizer"/>).</param>
/// <param name="RowCount">Rows according to the footer (a few writers record 0 while row groups hold rows); for a text object the rows inference read, which is the exact count only when <see cref="TextFacts.RowsExact"/>.</param>
/// <param name="RowGroupCount">Number of row groups (1 for a text object).</param>
/// <param name="UncompressedBytes">The row groups' uncompressed size according to the footer (0 when a writer left it out, and for text objects).</param>
public sealed record ObjectFileInfo(StoredObject StoredObject, Schema Schema, long RowCount, int RowGroupCount, long UncompressedBytes = 0)
{
    /// <summary>For a CSV or JSON Lines object, how it was read; null for Parquet.</summary>
    public TextFacts? Text { get; init; }

    /// <summary>
    /// A text object that inference read to its end without finding a row (empty, or a header alone): it has no values
    /// to agree on a schema with and nothing to read.
    /// </summary>
    public bool IsKnownEmpty => Text is { RowsExact: true } && RowCount == 0;

    /// <summary>True when <see cref="RowCount"/> is the object's row count, false when it is only the rows inference read.</summary>
    public bool RowCountIsExact => Text?.RowsExact ?? true;
}
