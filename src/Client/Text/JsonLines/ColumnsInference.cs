using System.Text;
using System.Text.Json;
using Apache.Arrow;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Learns the columns of a JSON Lines object from its first lines: each top-level key becomes a column, in the order
/// keys are first seen, of the narrowest type holding every value it had (<see cref="JsonValues.TypeOf"/> widened by
/// <see cref="TextTypes.Widen"/>). A key repeated on one line widens with both values, which covers the last one,
/// the one reading keeps.
/// </summary>
internal sealed class ColumnsInference
{
    private readonly ColumnIndex _index = new();
    private readonly List<string> _names = [];
    private readonly List<TextType> _types = [];
    private byte[] _keyScratch = new byte[256];

    /// <summary>Widens the columns with one line, a JSON object; a new key becomes a column.</summary>
    public void Add(ReadOnlySpan<byte> line, long lineNumber)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            JsonLineObject.ReadStart(ref reader, lineNumber);
            var expected = 0;
            while (JsonLineObject.ReadKey(ref reader))
            {
                var key = JsonLineObject.KeyName(ref reader, ref _keyScratch, line, lineNumber);
                var column = _index.Find(key, expected);
                if (column < 0)
                {
                    column = _index.Add(key);
                    _names.Add(Encoding.UTF8.GetString(key));
                    _types.Add(TextType.Empty);
                }

                var value = JsonLineObject.ReadValue(ref reader);
                _types[column] = TextTypes.Widen(_types[column], JsonValues.TypeOf(value, line));
                expected = column + 1;
            }
        }
        catch (JsonException e)
        {
            throw JsonLinesErrors.InvalidJson(lineNumber, e);
        }
    }

    /// <summary>The columns seen, then the overflow column.</summary>
    public Schema ToSchema() => JsonLinesSchema.Columns(_names, _types);
}
