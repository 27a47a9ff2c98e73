using Sylvan.Data.Csv;

namespace CqSourceS3.CsvParsersBench.Parsers;

/// <summary>
/// Sylvan.Data.Csv, which the plugin's CSV engine uses: <see cref="CsvDataReader.GetFieldSpan"/> gives each field
/// unquoted, in the reader's own buffer.
/// </summary>
internal sealed class SylvanParser : ICsvParser
{
    public string Name => "Sylvan.Data.Csv";

    public void Parse<TSink>(Stream bytes, int columns, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        // The delimiter set, so Sylvan does not sniff it from the header as it does by default.
        using var reader = CsvDataReader.Create(CsvInput.Text(bytes), new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', Quote = '"', Escape = '"' });
        long row = 0;
        while (reader.Read())
        {
            row++;
            if (reader.RowFieldCount != columns)
            {
                throw RaggedRow.Error(Name, row, reader.RowFieldCount, columns);
            }

            for (var i = 0; i < columns; i++)
            {
                sink.Field(i, reader.GetFieldSpan(i));
            }

            sink.EndRow();
        }
    }
}
