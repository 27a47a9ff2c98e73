using System.Buffers;
using System.Text;
using System.Text.Json;
using Apache.Arrow;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Builds batches of a columns-mode schema from lines: each line's values are located (<see cref="LineValues"/>),
/// then appended column by column, converted to the column's type straight from their bytes, and the keys that are
/// not columns are gathered into the overflow column's json object.
/// </summary>
internal sealed class ColumnRows : IJsonLinesRows
{
    private readonly Schema _schema;
    private readonly string[] _names;
    private readonly TextColumnBuilder[] _builders;
    private readonly int _overflowField;
    private readonly Utf8ColumnBuilder _overflow = new(TextType.Json);
    private readonly LineValues _values;
    private readonly char[] _chars = new char[JsonValues.MaxTemporalTokenBytes];
    private byte[] _scratch = ArrayPool<byte>.Shared.Rent(4096);

    /// <summary>Rows of <paramref name="schema"/>: columns of text types, the overflow column among them (or not).</summary>
    public ColumnRows(Schema schema)
    {
        _schema = schema;
        _overflowField = JsonLinesSchema.FindOverflow(schema);
        var index = new ColumnIndex();
        var names = new List<string>();
        var builders = new List<TextColumnBuilder>();
        var fields = schema.FieldsList;
        for (var i = 0; i < fields.Count; i++)
        {
            var type = TextTypes.Of(fields[i])
                ?? throw new ArgumentException($"column \"{fields[i].Name}\" is {fields[i].DataType.Name}, not a JSON Lines column type", nameof(schema));
            if (i != _overflowField)
            {
                index.Add(Encoding.UTF8.GetBytes(fields[i].Name));
                names.Add(fields[i].Name);
                builders.Add(TextColumnBuilder.For(type));
            }
        }

        _names = [.. names];
        _builders = [.. builders];
        _values = new LineValues(index);
    }

    public void Append(ReadOnlySpan<byte> line, long lineNumber)
    {
        _values.Read(line, lineNumber);
        for (var column = 0; column < _builders.Length; column++)
        {
            if (!_values.TryGet(column, out var value) || value.Kind == JsonTokenType.Null)
            {
                _builders[column].AppendNull();
            }
            else if (!TryAppend(_builders[column], value, value.In(line), lineNumber, column))
            {
                throw JsonLinesErrors.DoesNotFit(lineNumber, _names[column], value.In(line), _builders[column].Type);
            }
        }

        AppendOverflow(line, lineNumber);
    }

    public RecordBatch Build(int rows)
    {
        var arrays = new IArrowArray[_schema.FieldsList.Count];
        var column = 0;
        for (var field = 0; field < arrays.Length; field++)
        {
            arrays[field] = field == _overflowField ? _overflow.Build() : _builders[column++].Build();
        }

        return new RecordBatch(_schema, arrays, rows);
    }

    public void Dispose()
    {
        foreach (var builder in _builders)
        {
            builder.Dispose();
        }

        _overflow.Dispose();
        var scratch = _scratch;
        _scratch = [];
        if (scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    // Converts by the column's type; false when the value is not of it. A utf8 column also takes numbers and bools
    // as written (a lossless text), which is what a column widened from mixed values holds.
    private bool TryAppend(TextColumnBuilder builder, JsonToken value, ReadOnlySpan<byte> bytes, long lineNumber, int column)
    {
        switch (builder.Type)
        {
            case TextType.Bool when value.Kind is JsonTokenType.True or JsonTokenType.False:
                ((BoolColumnBuilder)builder).Append(value.Kind == JsonTokenType.True);
                return true;
            case TextType.Int64 when value.Kind == JsonTokenType.Number && JsonValues.TryInt64(bytes, out var integer):
                ((Int64ColumnBuilder)builder).Append(integer);
                return true;
            case TextType.Float64 when value.Kind == JsonTokenType.Number && JsonValues.TryFloat64(bytes, out var number):
                ((Float64ColumnBuilder)builder).Append(number);
                return true;
            // A string without escapes is parsed from its bytes; one with escapes is unescaped into characters first.
            case TextType.Date when value.Kind == JsonTokenType.String && !value.Escaped:
                if (!TemporalText.TryParseDate(bytes[1..^1], out var days))
                {
                    return false;
                }

                ((DateColumnBuilder)builder).Append(days);
                return true;
            case TextType.Timestamp when value.Kind == JsonTokenType.String && !value.Escaped:
                if (!TemporalText.TryParseTimestampOrDate(bytes[1..^1], out var micros))
                {
                    return false;
                }

                ((TimestampColumnBuilder)builder).Append(micros);
                return true;
            case TextType.Date or TextType.Timestamp when value.Kind == JsonTokenType.String:
                return JsonValues.TryGetTemporalChars(bytes, value.Escaped, _chars, out var length) && builder.TryAppend(_chars.AsSpan(0, length));
            case TextType.Json:
                ((Utf8ColumnBuilder)builder).AppendUtf8(bytes);
                return true;
            case TextType.Utf8 when value.Kind == JsonTokenType.String:
                ((Utf8ColumnBuilder)builder).AppendUtf8(Text(bytes, value.Escaped, lineNumber, column));
                return true;
            case TextType.Utf8 when value.Kind is JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                ((Utf8ColumnBuilder)builder).AppendUtf8(bytes);
                return true;
            default:
                return false;
        }
    }

    private ReadOnlySpan<byte> Text(ReadOnlySpan<byte> token, bool escaped, long lineNumber, int column)
    {
        if (escaped)
        {
            EnsureScratch(token.Length);
        }

        return JsonValues.TryGetText(token, escaped, _scratch, out var text)
            ? text
            : throw JsonLinesErrors.UnpairedSurrogate(lineNumber, _names[column], token);
    }

    // The keys that are not columns, as {"key":value,...} with keys and values copied as written: valid JSON, since
    // the line was, and no escape is undone or redone.
    private void AppendOverflow(ReadOnlySpan<byte> line, long lineNumber)
    {
        var count = _values.OverflowCount;
        if (_overflowField < 0)
        {
            if (count > 0)
            {
                throw new InvalidOperationException(
                    $"line {lineNumber}: key {JsonLinesErrors.Show(_values.GetOverflow(0).Key.In(line))} is not a column of the schema, which has no {JsonLinesSchema.OverflowName} column");
            }

            return;
        }

        if (count == 0)
        {
            _overflow.AppendNull();
            return;
        }

        var length = 1;
        for (var i = 0; i < count; i++)
        {
            var (key, value) = _values.GetOverflow(i);
            length += key.Length + value.Length + 2;
        }

        EnsureScratch(length);
        var output = _scratch.AsSpan();
        var at = 0;
        output[at++] = (byte)'{';
        for (var i = 0; i < count; i++)
        {
            var (key, value) = _values.GetOverflow(i);
            if (i > 0)
            {
                output[at++] = (byte)',';
            }

            key.In(line).CopyTo(output[at..]);
            at += key.Length;
            output[at++] = (byte)':';
            value.In(line).CopyTo(output[at..]);
            at += value.Length;
        }

        output[at++] = (byte)'}';
        _overflow.AppendUtf8(output[..at]);
    }

    private void EnsureScratch(int length)
    {
        if (_scratch.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = ArrayPool<byte>.Shared.Rent(length);
        }
    }
}
