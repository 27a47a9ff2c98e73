using Apache.Arrow;

namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// One inference over the start of a CSV object: column names from the header, <c>column_names</c> or numbering, and
/// per column the widest type (<see cref="TextTypes.Widen"/>) of the values in the first <c>infer_rows</c> data rows.
/// </summary>
internal sealed class CsvSchemaInference(CsvOptions options, CsvNullValues nulls)
{
    private readonly CsvOptions _options = options;
    private readonly CsvNullValues _nulls = nulls;
    private string[]? _names;
    private TextType[] _types = [];
    private long _rows;

    /// <summary>Reads the header and at most <c>infer_rows</c> data rows (at least one) of <paramref name="records"/>.</summary>
    public TextInference Infer(CsvRecordReader records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_options.ColumnNames is { } given)
        {
            Start(CsvColumnNames.Distinct(given));
        }

        if (_options.Header)
        {
            if (!records.ReadNonEmpty())
            {
                return Result(reachedEnd: true);
            }

            if (_names is null)
            {
                Start(CsvColumnNames.FromHeader(records));
            }
            else if (records.FieldCount != _names.Length)
            {
                throw CsvDataErrors.HeaderMismatch(records.Line, records.FieldCount, $"column_names names {_names.Length}");
            }
        }

        // Empty lines before the first row are skipped even in a one-column object, as in CsvBatchReader.
        var started = _options.Header;
        var window = Math.Max(1, _options.InferRows);
        while (_rows < window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!records.Read())
            {
                return Result(reachedEnd: true);
            }

            if (records.IsEmptyLine)
            {
                // An empty line is a null row of a one-column object (nothing to detect) and skipped in any other.
                if (started && _names!.Length == 1)
                {
                    _rows++;
                }

                continue;
            }

            if (_names is null)
            {
                Start(CsvColumnNames.Numbered(records.FieldCount));
            }

            started = true;
            Detect(records);
            _rows++;
        }

        return Result(records.IsAtEnd());
    }

    private void Start(string[] names)
    {
        _names = names;
        _types = new TextType[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            // A column whose type is given or fixed to utf8 needs no detection: mark it as utf8, where Widen stays.
            if (!_options.InferTypes || _options.ColumnTypes.ContainsKey(names[i]))
            {
                _types[i] = TextType.Utf8;
            }
        }
    }

    private void Detect(CsvRecordReader records)
    {
        if (records.FieldCount != _types.Length)
        {
            throw CsvDataErrors.WrongFieldCount(records.Line, records.FieldCount, _options, _types.Length);
        }

        for (var i = 0; i < _types.Length; i++)
        {
            if (_types[i] == TextType.Utf8)
            {
                continue;
            }

            var field = records.Field(i);
            if (!_nulls.Matches(field))
            {
                _types[i] = TextTypes.Widen(_types[i], TextValues.Detect(field));
            }
        }
    }

    private TextInference Result(bool reachedEnd)
    {
        var names = _names ?? [];
        var fields = new Field[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var type = _options.ColumnTypes.TryGetValue(names[i], out var given) ? given : _types[i];
            fields[i] = TextTypes.ToField(names[i], type == TextType.Empty ? TextType.Utf8 : type);
        }

        return new TextInference(new Schema(fields, null), _rows, reachedEnd);
    }
}
