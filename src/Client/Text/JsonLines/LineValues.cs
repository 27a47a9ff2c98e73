using System.Text.Json;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// One line's values, located per column before any is appended: each key of the schema gets its value's
/// <see cref="JsonToken"/>, and the other keys are kept, in order, for the overflow column.
/// </summary>
/// <remarks>
/// A key repeated on a line keeps its last value, as JavaScript's <c>JSON.parse</c>, Python's <c>json</c> and Go's
/// <c>encoding/json</c> read such an object (in the overflow object it stays where the key first appears). That is
/// why values are located first and appended after: an appended value cannot be taken back.
/// </remarks>
internal sealed class LineValues(ColumnIndex columns)
{
    private readonly JsonToken[] _values = new JsonToken[columns.Count];

    // The line each column's value was last set on, so no array needs clearing between lines.
    private readonly long[] _setOnLine = new long[columns.Count];

    private Overflow[] _overflow = new Overflow[4];
    private byte[] _overflowNames = new byte[256];
    private int _overflowNamesLength;
    private byte[] _keyScratch = new byte[256];
    private FlatLineScanner.Entry[] _entries = new FlatLineScanner.Entry[16];
    private long _line;

    /// <summary>The keys of the line that are not columns, each once.</summary>
    public int OverflowCount { get; private set; }

    /// <summary>Locates the values of <paramref name="line"/>, a JSON object; the previous line's are forgotten.</summary>
    public void Read(ReadOnlySpan<byte> line, long lineNumber)
    {
        _line = lineNumber;
        OverflowCount = 0;
        _overflowNamesLength = 0;
        var expected = 0;
        if (FlatLineScanner.TryScan(line, columns, ref _entries, out var count))
        {
            foreach (var (key, value, column) in _entries.AsSpan(0, count))
            {
                if (column >= 0)
                {
                    Set(column, value, ref expected);
                }
                else
                {
                    AddOverflow(line.Slice(key.Start + 1, key.Length - 2), key, value);
                }
            }

            return;
        }

        // Escaped keys and invalid lines (the scanner changed nothing here): the general reader, which also words the error.
        try
        {
            var reader = new Utf8JsonReader(line);
            JsonLineObject.ReadStart(ref reader, lineNumber);
            while (JsonLineObject.ReadKey(ref reader))
            {
                var key = JsonLineObject.KeyName(ref reader, ref _keyScratch, line, lineNumber);
                var keyToken = JsonLineObject.KeyToken(ref reader);
                Add(key, keyToken, JsonLineObject.ReadValue(ref reader), ref expected);
            }
        }
        catch (JsonException e)
        {
            throw JsonLinesErrors.InvalidJson(lineNumber, e);
        }
    }

    /// <summary>The value of <paramref name="column"/> on the line; false when the line lacks the key.</summary>
    public bool TryGet(int column, out JsonToken value)
    {
        value = _values[column];
        return _setOnLine[column] == _line;
    }

    /// <summary>The <paramref name="index"/>th key that is not a column, as written (quoted), and its value.</summary>
    public (JsonToken Key, JsonToken Value) GetOverflow(int index) => (_overflow[index].Key, _overflow[index].Value);

    private void Add(ReadOnlySpan<byte> name, JsonToken keyToken, JsonToken value, ref int expected)
    {
        var column = columns.Find(name, expected);
        if (column < 0)
        {
            AddOverflow(name, keyToken, value);
            return;
        }

        Set(column, value, ref expected);
    }

    private void Set(int column, JsonToken value, ref int expected)
    {
        _values[column] = value;
        _setOnLine[column] = _line;
        expected = column + 1;
    }

    private void AddOverflow(ReadOnlySpan<byte> name, JsonToken key, JsonToken value)
    {
        for (var i = 0; i < OverflowCount; i++)
        {
            if (_overflowNames.AsSpan(_overflow[i].NameStart, _overflow[i].NameLength).SequenceEqual(name))
            {
                _overflow[i] = _overflow[i] with { Value = value };
                return;
            }
        }

        // The unescaped names are kept only to find repeated keys; the output copies each key as written.
        if (_overflowNamesLength + name.Length > _overflowNames.Length)
        {
            Array.Resize(ref _overflowNames, Math.Max(_overflowNamesLength + name.Length, _overflowNames.Length * 2));
        }

        name.CopyTo(_overflowNames.AsSpan(_overflowNamesLength));
        if (OverflowCount == _overflow.Length)
        {
            Array.Resize(ref _overflow, _overflow.Length * 2);
        }

        _overflow[OverflowCount++] = new Overflow(key, _overflowNamesLength, name.Length, value);
        _overflowNamesLength += name.Length;
    }

    private readonly record struct Overflow(JsonToken Key, int NameStart, int NameLength, JsonToken Value);
}
