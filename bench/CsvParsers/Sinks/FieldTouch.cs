namespace CqSourceS3.CsvParsersBench.Sinks;

/// <summary>
/// Parse only: takes each field's span from the parser (which is when Sep and Sylvan unquote it) and counts its
/// characters, nothing more, so the run costs what the parser costs.
/// </summary>
internal readonly struct FieldTouch(ColumnTotals totals) : IFieldSink
{
    public void Field(int column, ReadOnlySpan<char> text) => totals.Characters[column] += text.Length;

    public void EndRow() => totals.AddRow();
}
