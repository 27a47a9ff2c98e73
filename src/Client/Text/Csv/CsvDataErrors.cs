namespace CqSourceS3.Client.Text.Csv;

/// <summary>The messages of a CSV object's bad rows and values, the same whether inference or reading finds them.</summary>
internal static class CsvDataErrors
{
    /// <summary>Values longer than this are cut short in a message: a message is read by people, and a field may be megabytes.</summary>
    private const int MaxValueChars = 64;

    /// <summary>What fixes an object's column count, as a message says it: <c>the header has 3</c>.</summary>
    public static string CountSource(CsvOptions options, int columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ColumnNames is not null ? $"column_names names {columns}"
            : options.Header ? $"the header has {columns}"
            : $"the first row has {columns}";
    }

    /// <summary>A row whose field count is not the object's column count: <c>line 7: 3 fields where the header has 2</c>.</summary>
    public static TextDataException WrongFieldCount(long line, int fields, CsvOptions options, int columns) =>
        new($"line {line}: {fields} {(fields == 1 ? "field" : "fields")} where {CountSource(options, columns)}", line);

    /// <summary>A header row whose field count is not that of the names replacing it or of the schema being read.</summary>
    public static TextDataException HeaderMismatch(long line, int fields, string expected) =>
        new($"line {line}: the header has {fields} {(fields == 1 ? "field" : "fields")} where {expected}", line);

    /// <summary>A field that is not a value of its column's type: <c>line 1204, column "price": "n/a" is not a valid float64</c>.</summary>
    public static TextDataException NotOfType(long line, string column, TextType type, ReadOnlySpan<char> value)
    {
        var shown = value.Length <= MaxValueChars ? value.ToString() : $"{value[..MaxValueChars]}… ({value.Length} characters)";
        return new TextDataException(
            $"line {line}, column \"{column}\": \"{shown}\" is not a valid {TextTypes.Describe(type)}", line, column);
    }
}
