using Apache.Arrow;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// Turns batches of one object's rows (in the table's normalized file layout) into records of the CloudQuery
/// table: the same <see cref="CqTableSchema.Schema"/> instance every time, so every Insert carries the
/// <c>cq:table_name</c> and field flags destinations key on, and data columns shared with the file batch
/// rather than copied. Only the id columns and <c>_source_row</c> are materialized per batch; the other
/// appended columns are built once per object (<see cref="AppendedColumnArrays"/>).
/// </summary>
/// <remarks>
/// One builder per object: its <see cref="CqIdGenerator"/> and <see cref="ObjectColumnValues"/> carry the
/// object's identity, and its counters describe that object. Dispose it when the object is done; the records
/// it built stay valid. Not thread-safe.
/// </remarks>
internal sealed class CqRecordBuilder : IDisposable
{
    private readonly CqIdGenerator _ids;
    private readonly AppendedColumnArrays? _appended;
    private bool _disposed;

    /// <summary>A builder for a table without appended columns.</summary>
    /// <exception cref="ArgumentException">The table has appended columns, whose values this cannot know.</exception>
    public CqRecordBuilder(CqTableSchema table, CqIdGenerator ids)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        if (table.Appended.Count > 0)
        {
            throw new ArgumentException(
                $"Table {table.TableName} has appended columns: build its records with the object's column values.", nameof(table));
        }

        Table = table;
        _ids = ids;
    }

    /// <summary>A builder for the rows of the object <paramref name="values"/> describes.</summary>
    /// <exception cref="ArgumentException">A partition value is missing or not of its column's type.</exception>
    public CqRecordBuilder(CqTableSchema table, CqIdGenerator ids, ObjectColumnValues values)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(values);
        Table = table;
        _ids = ids;
        _appended = table.Appended.Count > 0 ? new AppendedColumnArrays(table.Appended, values) : null;
    }

    /// <summary>The table the records belong to.</summary>
    public CqTableSchema Table { get; }

    /// <summary>Rows whose reused <c>_cq_id</c> was null or not a UUID and got a generated id; worth a warning.</summary>
    public long ReplacedIdCount { get; private set; }

    /// <summary>Rows whose reused <c>_cq_parent_id</c> was not a UUID and was sent as null; worth a warning.</summary>
    public long InvalidParentIdCount { get; private set; }

    /// <summary>
    /// Builds the record for <paramref name="fileBatch"/>, whose first row is row <paramref name="firstRow"/>
    /// (counted from 0) of the object.
    /// </summary>
    /// <remarks>
    /// The result holds its own references to the file batch's arrays: dispose it and the file batch
    /// independently, in any order.
    /// </remarks>
    public RecordBatch Build(RecordBatch fileBatch, long firstRow)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(fileBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        CheckLayout(fileBatch);

        var sources = Table.Sources;
        var arrays = new IArrowArray[sources.Count];
        try
        {
            for (var i = 0; i < arrays.Length; i++)
            {
                arrays[i] = BuildColumn(sources[i], fileBatch, firstRow);
            }
        }
        catch
        {
            foreach (var built in arrays)
            {
                built?.Dispose();
            }

            throw;
        }

        return new RecordBatch(Table.Schema, arrays, fileBatch.Length);
    }

    private IArrowArray BuildColumn(CqColumnSource source, RecordBatch fileBatch, long firstRow)
    {
        switch (source.Origin)
        {
            case CqColumnOrigin.GeneratedId:
                return UuidColumns.FromIds(_ids.Create(fileBatch.Length, firstRow));
            case CqColumnOrigin.ReusedId:
                var ids = UuidColumns.ReuseIds(fileBatch.Column(source.FileColumnIndex), _ids, firstRow, out var replaced);
                ReplacedIdCount += replaced;
                return ids;
            case CqColumnOrigin.NullParentId:
                return UuidColumns.AllNull(fileBatch.Length);
            case CqColumnOrigin.ReusedParentId:
                var parents = UuidColumns.ReuseParentIds(fileBatch.Column(source.FileColumnIndex), out var invalid);
                InvalidParentIdCount += invalid;
                return parents;
            case CqColumnOrigin.FileColumn:
                return Share(fileBatch.Column(source.FileColumnIndex));
            case CqColumnOrigin.Appended:
                return _appended!.Build(source.AppendedIndex, fileBatch.Length, firstRow);
            default:
                throw new InvalidOperationException($"Unknown column origin {source.Origin}.");
        }
    }

    /// <summary>Releases the cached appended-column arrays; records already built stay valid.</summary>
    public void Dispose()
    {
        _disposed = true;
        _appended?.Dispose();
    }

    // Zero-copy: a new array object over the same ArrayData, with a reference of its own (Retain) so that
    // disposing either batch leaves the other intact. Extension arrays go out as their storage, like the schema.
    private static IArrowArray Share(IArrowArray column)
    {
        var storage = column is ExtensionArray extension ? extension.Storage : column;
        return ArrowArrayFactory.BuildArray(storage.Data.Retain());
    }

    private void CheckLayout(RecordBatch fileBatch)
    {
        var fields = Table.FileSchema.FieldsList;
        if (fileBatch.ColumnCount != fields.Count)
        {
            throw new ArgumentException(
                $"Table {Table.TableName}: the batch has {fileBatch.ColumnCount} columns, the file schema {fields.Count}.",
                nameof(fileBatch));
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var column = fileBatch.Column(i);
            var actual = column is ExtensionArray extension ? extension.Storage.Data.DataType : column.Data.DataType;
            if (actual.TypeId != CqTableSchema.StorageOf(fields[i].DataType).TypeId)
            {
                throw new ArgumentException(
                    $"Table {Table.TableName}: column {i} ('{fields[i].Name}') is {actual.Name}, the file schema says {fields[i].DataType.Name}.",
                    nameof(fileBatch));
            }
        }
    }
}
