namespace CqSourceS3.CsvParsersBench;

/// <summary>
/// Where a parser hands the fields of each data row, in column order, then the end of the row. Sinks are structs and
/// parsers take them as a generic argument, so every call is direct and inlined: what differs between two runs is
/// the parser, never the cost of reaching the sink.
/// </summary>
internal interface IFieldSink
{
    /// <summary>One field's characters, unquoted and unescaped; only valid until the parser moves on.</summary>
    void Field(int column, ReadOnlySpan<char> text);

    /// <summary>The row's last field has been handed over.</summary>
    void EndRow();
}
