using nietras.SeparatedValues;

namespace CqSourceS3.CsvParsersBench.Parsers;

/// <summary>
/// Sep (nietras): vectorised search for separators, quotes and line ends; with <c>Unescape</c> a column's span is
/// unquoted in place when it is read.
/// </summary>
internal sealed class SepParser : ICsvParser
{
    public string Name => "Sep";

    public void Parse<TSink>(Stream bytes, int columns, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        // Sep checks that every row has the header's column count itself (DisableColCountCheck stays false).
        using var text = CsvInput.Text(bytes);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true }).From(text);
        long row = 0;
        foreach (var record in reader)
        {
            row++;
            if (record.ColCount != columns)
            {
                throw RaggedRow.Error(Name, row, record.ColCount, columns);
            }

            for (var i = 0; i < columns; i++)
            {
                sink.Field(i, record[i].Span);
            }

            sink.EndRow();
        }
    }
}
