using System.Text.Json;
using Apache.Arrow;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>
/// Builds batches of raw mode: each line, trimmed of surrounding whitespace, must be one JSON value of any kind
/// (<c>null</c> included, kept as the JSON text <c>null</c>) and is stored as written in the <c>data</c> column.
/// </summary>
internal sealed class RawRows : IJsonLinesRows
{
    private static readonly byte[] Whitespace = " \t\r"u8.ToArray();

    private readonly Schema _schema;
    private readonly Utf8ColumnBuilder _data = new(TextType.Json);

    /// <summary>Rows of <paramref name="schema"/>, which must be <see cref="JsonLinesSchema.Raw"/>.</summary>
    public RawRows(Schema schema)
    {
        var fields = schema.FieldsList;
        if (fields.Count != 1 || fields[0].Name != JsonLinesSchema.RawColumnName || TextTypes.Of(fields[0]) != TextType.Json)
        {
            throw new ArgumentException($"a raw JSON Lines schema is one json column named \"{JsonLinesSchema.RawColumnName}\"", nameof(schema));
        }

        _schema = schema;
    }

    /// <summary>The line's JSON value without the whitespace around it, checked to be exactly one valid value.</summary>
    public static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> line, long lineNumber)
    {
        var value = line.Trim(Whitespace);
        try
        {
            var reader = new Utf8JsonReader(value);
            reader.Read();
            reader.Skip();

            // The reader is in single-value mode, so this throws on anything after the value.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw JsonLinesErrors.InvalidJson(lineNumber, e);
        }

        return value;
    }

    public void Append(ReadOnlySpan<byte> line, long lineNumber) => _data.AppendUtf8(Value(line, lineNumber));

    public RecordBatch Build(int rows) => new(_schema, [_data.Build()], rows);

    public void Dispose() => _data.Dispose();
}
