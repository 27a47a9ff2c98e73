using Apache.Arrow;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// The arrays of one object's appended columns, batch after batch. Every column but <c>_source_row</c> holds
/// one value per object, so its array is built once, at the longest batch length seen, and each record gets a
/// zero-copy slice of it: batches are usually all of one length, so an object costs one array per column
/// rather than one per batch.
/// </summary>
/// <remarks>
/// Each returned array holds its own reference to the cached buffers (<see cref="ArrayData.SliceShared"/>):
/// dispose it, other records and this instance in any order. Not thread-safe.
/// </remarks>
internal sealed class AppendedColumnArrays : IDisposable
{
    private readonly IReadOnlyList<AppendedColumn> _columns;
    private readonly object?[] _values;
    private readonly ArrayData?[] _built;
    private bool _disposed;

    /// <exception cref="ArgumentException">A partition value is missing or not of its column's type.</exception>
    public AppendedColumnArrays(IReadOnlyList<AppendedColumn> columns, ObjectColumnValues values)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(values.Object, nameof(values));
        ArgumentNullException.ThrowIfNull(values.PartitionValues, nameof(values));
        _columns = columns;
        _values = new object?[columns.Count];
        _built = new ArrayData?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            _values[i] = ValueOf(columns[i], values);
            if (!ConstantArrays.Fits(columns[i].Type, _values[i]))
            {
                throw new ArgumentException(
                    $"The value of {columns[i].Role} \"{columns[i].Name}\" is a {_values[i]!.GetType().Name}, not a {columns[i].Type.Name}.",
                    nameof(values));
            }
        }
    }

    /// <summary>
    /// The array of appended column <paramref name="index"/> for a batch of <paramref name="length"/> rows whose
    /// first row is row <paramref name="firstRow"/> of the object.
    /// </summary>
    public IArrowArray Build(int index, int length, long firstRow)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var column = _columns[index];
        if (column.Kind == AppendedColumnKind.SourceRow)
        {
            return ConstantArrays.Sequence(firstRow, length);
        }

        var built = _built[index];
        if (built is null || built.Length < length)
        {
            built?.Dispose();
            built = _built[index] = ConstantArrays.Build(column.Type, _values[index], length);
        }

        return ArrowArrayFactory.BuildArray(built.SliceShared(0, length));
    }

    /// <summary>Releases the cached arrays; arrays already handed out stay valid.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        for (var i = 0; i < _built.Length; i++)
        {
            _built[i]?.Dispose();
            _built[i] = null;
        }
    }

    private static object? ValueOf(AppendedColumn column, ObjectColumnValues values)
    {
        var obj = values.Object;
        return column.Kind switch
        {
            AppendedColumnKind.Partition => column.PartitionIndex < values.PartitionValues.Count
                ? values.PartitionValues[column.PartitionIndex]
                : throw new ArgumentException(
                    $"Partition column \"{column.Name}\" reads value {column.PartitionIndex}, but the object has {values.PartitionValues.Count}.",
                    nameof(values)),
            AppendedColumnKind.SourceKey => obj.Key,
            AppendedColumnKind.SourceLastModified => obj.LastModified,
            AppendedColumnKind.SourceEtag => obj.ETag,
            AppendedColumnKind.SourceVersionId => VersionIdOf(obj),
            _ => null,
        };
    }

    // S3 lists objects written before versioning was enabled with the literal version id "null": no version.
    private static string? VersionIdOf(StoredObject obj) =>
        string.IsNullOrEmpty(obj.VersionId) || obj.VersionId == "null" ? null : obj.VersionId;
}
