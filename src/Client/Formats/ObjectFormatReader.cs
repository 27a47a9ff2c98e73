using Apache.Arrow;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// The one seam between the engine and the object formats: describes an object for discovery (a Parquet footer, or
/// the schema inferred from the start of a text object) and streams its rows as Arrow batches of that schema. Each
/// object goes to its format's reader by the extension of its key.
/// </summary>
internal sealed class ObjectFormatReader(ParquetReadOptions parquet, TextReadSettings text)
{
    /// <summary>Rows per batch of a text object: one batch is what an object holds while its records are sent.</summary>
    public const int TextBatchRows = 16 * 1024;

    private readonly ParquetFooterReader _footers = new(parquet);
    private readonly ParquetBatchReader _parquet = new(parquet);
    private readonly TextObjectReader _text = new(text);

    /// <summary>What discovery needs of <paramref name="obj"/>, read without its data (text: from its first rows).</summary>
    public Task<ObjectFileInfo> DescribeAsync(IObjectStore store, StoredObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return IsText(obj.Key, out var extension)
            ? _text.DescribeAsync(store, obj, extension, cancellationToken)
            : _footers.ReadAsync(store, obj, cancellationToken);
    }

    /// <summary>Every row of <paramref name="file"/> as batches of <see cref="ObjectFileInfo.Schema"/>; the caller disposes each.</summary>
    public IAsyncEnumerable<RecordBatch> ReadAsync(IObjectStore store, ObjectFileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return IsText(file.StoredObject.Key, out _)
            ? _text.ReadAsync(store, file, TextBatchRows, cancellationToken)
            : _parquet.ReadAsync(store, file.StoredObject, DecodeBatchSize.RowsFor(file), cancellationToken);
    }

    /// <summary>Whether a cached description of <paramref name="file"/> was made under the current text options (Parquet's always is).</summary>
    public bool IsCurrent(ObjectFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return !IsText(file.StoredObject.Key, out var extension) || file.Text?.Settings == text.FingerprintOf(extension);
    }

    private static bool IsText(string key, out ObjectExtension extension) =>
        ObjectExtension.TryOf(key, out extension) && extension.Format != ObjectFormats.Parquet;
}
