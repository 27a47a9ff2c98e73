using Apache.Arrow;
using Sylvan.Data.Csv;

namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// One read of a CSV object into record batches of a given schema. Each field is parsed from the parser's buffer
/// straight into its column's builder, so a row allocates nothing; memory holds one batch and the longest record.
/// </summary>
internal sealed class CsvBatchReader
{
    private readonly Schema _schema;
    private readonly CsvOptions _options;
    private readonly CsvDataReaderOptions _parser;
    private readonly CsvNullValues _nulls;
    private readonly int _maxRowsPerBatch;
    private readonly TextType[] _types;
    private TextColumnBuilder[] _columns = [];

    /// <summary>A reader of batches of exactly <paramref name="schema"/>, whose fields must be ones <see cref="TextTypes.ToField"/> makes.</summary>
    public CsvBatchReader(Schema schema, CsvOptions options, CsvDataReaderOptions parser, CsvNullValues nulls, int maxRowsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerBatch, 1);
        _schema = schema;
        _options = options;
        _parser = parser;
        _nulls = nulls;
        _maxRowsPerBatch = maxRowsPerBatch;
        // Columns match by position and take the schema's types, so a schema read back from a cache gives the same arrays.
        _types = [.. schema.FieldsList.Select(field => TextTypes.Of(field)
            ?? throw new ArgumentException($"Column \"{field.Name}\" is {field.DataType.Name}, not a type a CSV column is read as.", nameof(schema)))];
    }

    /// <summary>
    /// The rows of <paramref name="utf8"/> after the skipped lines and the header, <c>max_rows_per_batch</c> at a time.
    /// Empty lines are skipped, except in a one-column object after its first row (or header), where they are null rows.
    /// </summary>
    public IEnumerable<RecordBatch> Read(Stream utf8, CancellationToken cancellationToken)
    {
        _columns = [.. _types.Select(TextColumnBuilder.For)];
        try
        {
            foreach (var batch in ReadRows(utf8, cancellationToken))
            {
                yield return batch;
            }
        }
        finally
        {
            foreach (var column in _columns)
            {
                column.Dispose();
            }
        }
    }

    private IEnumerable<RecordBatch> ReadRows(Stream utf8, CancellationToken cancellationToken)
    {
        using var records = new CsvRecordReader(utf8, _options.SkipRows, _parser);
        if (_options.Header && !ReadHeader(records))
        {
            yield break;
        }

        var started = _options.Header;
        var rows = 0;
        while (records.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (records.IsEmptyLine)
            {
                if (!started || _columns.Length != 1)
                {
                    continue;
                }

                _columns[0].AppendNull();
            }
            else
            {
                started = true;
                AppendRow(records);
            }

            if (++rows == _maxRowsPerBatch)
            {
                yield return Build(rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return Build(rows);
        }
    }

    private bool ReadHeader(CsvRecordReader records)
    {
        if (!records.ReadNonEmpty())
        {
            return false;
        }

        // The names come from the schema; a header of another width means the schema is not this object's.
        if (records.FieldCount != _columns.Length)
        {
            throw CsvDataErrors.HeaderMismatch(records.Line, records.FieldCount, $"the schema has {_columns.Length}");
        }

        return true;
    }

    private void AppendRow(CsvRecordReader records)
    {
        if (records.FieldCount != _columns.Length)
        {
            throw CsvDataErrors.WrongFieldCount(records.Line, records.FieldCount, _options, _columns.Length);
        }

        for (var i = 0; i < _columns.Length; i++)
        {
            var field = records.Field(i);
            if (_nulls.Matches(field))
            {
                _columns[i].AppendNull();
            }
            else if (!_columns[i].TryAppend(field))
            {
                throw CsvDataErrors.NotOfType(records.Line, _schema.FieldsList[i].Name, _columns[i].Type, field);
            }
        }
    }

    private RecordBatch Build(int rows)
    {
        var arrays = new IArrowArray[_columns.Length];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = _columns[i].Build();
        }

        return new RecordBatch(_schema, arrays, rows);
    }
}
