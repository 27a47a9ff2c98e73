using System.Text;
using CsvHelper;

namespace CqSourceS3.CsvParsersBench.Parsers;

/// <summary>
/// CsvHelper 34, a rewrite that parses UTF-8 bytes with SIMD and gives each field as a span of UTF-8 bytes. The
/// engine's column builders take characters, so each field is decoded into one reused character buffer: no string
/// per field, but a transcoding the two UTF-16 parsers do not need here (they pay it once, in the stream reader).
/// </summary>
internal sealed class CsvHelperParser : ICsvParser
{
    // RFC 4180 mode (quotes escaped by doubling) is the default; the separator is set so it is not sniffed.
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true };

    public string Name => "CsvHelper";

    public void Parse<TSink>(Stream bytes, int columns, ref TSink sink)
        where TSink : struct, IFieldSink
    {
        // The bytes themselves, its native input: from a TextReader it would encode the characters back to UTF-8.
        using var reader = CsvReader.Create(bytes, Options, leaveOpen: false);
        var chars = new char[1024];
        long row = 0;
        while (reader.Read())
        {
            row++;
            if (reader.FieldCount != columns)
            {
                throw RaggedRow.Error(Name, row, reader.FieldCount, columns);
            }

            for (var i = 0; i < columns; i++)
            {
                var field = reader.GetSpan(i);
                if (field.Length > chars.Length)
                {
                    chars = new char[field.Length];
                }

                sink.Field(i, chars.AsSpan(0, Encoding.UTF8.GetChars(field, chars)));
            }

            sink.EndRow();
        }
    }
}
