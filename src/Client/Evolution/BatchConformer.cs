using Apache.Arrow;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// Turns the batches of one object into batches of its table's schema, the union by name of its objects' schemas: a
/// column the object shares with the table unchanged is passed on without copying, a column whose type the union widened
/// is cast (<see cref="ArrayWidener"/>), and a column the object lacks is all null. Built once per pair of schemas, so
/// the matching and the checks happen once per object rather than per batch.
/// </summary>
/// <remarks>Immutable after construction; one instance may conform batches on several threads.</remarks>
internal sealed class BatchConformer
{
    private readonly Schema _target;
    private readonly Schema _source;
    private readonly FieldCast[] _columns;

    /// <summary>A conformer of batches of <paramref name="source"/> (an object's normalized schema) into <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">
    /// A column of the source is missing from the target or cannot be widened to the target's type (the union should have
    /// prevented both), or a schema names a column twice.
    /// </exception>
    public BatchConformer(Schema target, Schema source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        _target = target;
        _source = source;
        _columns = FieldCast.Match(target.FieldsList, source.FieldsList, "");
        IsIdentity = target.FieldsList.Count == source.FieldsList.Count
            && target.FieldsList.Zip(source.FieldsList).All(pair => SameColumn(pair.First, pair.Second));
    }

    /// <summary>
    /// True when the source equals the target column for column (names, order, types and nullability): then
    /// <see cref="Conform"/> returns batches as they are, at no cost. Nullability counts so that a conformed batch always
    /// describes its columns as the table does.
    /// </summary>
    public bool IsIdentity { get; }

    /// <summary>
    /// <paramref name="batch"/> (of the source schema) as a batch of the target schema. Takes ownership of the batch:
    /// returns it as it is when <see cref="IsIdentity"/>, else disposes it (also when this throws) after the result has
    /// taken its own references to the columns it shares. The result owns its arrays: dispose it.
    /// </summary>
    /// <param name="batch">A decoded, normalized batch of the source schema.</param>
    /// <param name="columnContext">The object the batch was read from, named in messages: <c>object "sales/a.parquet": column "ts": …</c>.</param>
    /// <exception cref="ArgumentException">The batch's columns do not have the source schema's types.</exception>
    /// <exception cref="ColumnWideningException">A value does not fit the wider type (a timestamp out of range).</exception>
    public RecordBatch Conform(RecordBatch batch, string columnContext)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(columnContext);
        try
        {
            CheckLayout(batch);
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        if (IsIdentity)
        {
            return batch;
        }

        using (batch)
        {
            var columns = new IArrowArray[_columns.Length];
            try
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    var column = _columns[i];
                    var source = column.SourceIndex < 0 ? null : StorageData(batch.Column(column.SourceIndex));
                    columns[i] = ArrowArrayFactory.BuildArray(column.Apply(source, batch.Length));
                }
            }
            catch (ColumnWideningException e)
            {
                Dispose(columns);
                throw e.InObject(columnContext);
            }
            catch
            {
                Dispose(columns);
                throw;
            }

            return new RecordBatch(_target, columns, batch.Length);
        }
    }

    private static bool SameColumn(Field target, Field source) =>
        target.Name == source.Name && target.IsNullable == source.IsNullable
        && ArrowTypeText.Of(target.DataType) == ArrowTypeText.Of(source.DataType);

    /// <summary>Extension columns go out as their storage, the way records carry them.</summary>
    private static ArrayData StorageData(IArrowArray column) => column is ExtensionArray extension ? extension.Storage.Data : column.Data;

    /// <summary>
    /// The casts read buffers as the source schema's types say; a batch of another layout would be misread, so it is
    /// refused (the check costs one comparison per column).
    /// </summary>
    private void CheckLayout(RecordBatch batch)
    {
        var fields = _source.FieldsList;
        if (batch.ColumnCount != fields.Count)
        {
            throw new ArgumentException($"the batch has {batch.ColumnCount} columns, the source schema {fields.Count}", nameof(batch));
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var actual = StorageData(batch.Column(i)).DataType;
            var expected = fields[i].DataType is ExtensionType extension ? extension.StorageType : fields[i].DataType;
            if (actual.TypeId != expected.TypeId)
            {
                throw new ArgumentException(
                    $"column \"{fields[i].Name}\" of the batch is {ArrowTypeText.Of(actual)}, the source schema says {ArrowTypeText.Of(expected)}",
                    nameof(batch));
            }
        }
    }

    private static void Dispose(IArrowArray?[] columns)
    {
        foreach (var column in columns)
        {
            column?.Dispose();
        }
    }
}
