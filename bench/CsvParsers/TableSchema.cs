using CqSourceS3.Client.Text;
using Sylvan.Data.Csv;

namespace CqSourceS3.CsvParsersBench;

/// <summary>
/// The columns every parser builds: names from the first file's header, types inferred as the plugin infers them
/// (<see cref="TextValues.Detect"/> widened with <see cref="TextTypes.Widen"/>, empty fields null) over its first
/// data rows. Inferred once, outside the timed runs, so all parsers build the same arrays.
/// </summary>
internal sealed record TableSchema(IReadOnlyList<string> Names, IReadOnlyList<TextType> Types)
{
    public int Count => Names.Count;

    public static TableSchema Infer(string file, int rows)
    {
        using var reader = CsvDataReader.Create(CsvInput.Text(CsvInput.Open(file)), new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' });
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var types = new TextType[names.Count];
        for (var row = 0; row < rows && reader.Read(); row++)
        {
            for (var i = 0; i < types.Length; i++)
            {
                var text = reader.GetFieldSpan(i);
                if (!text.IsEmpty)
                {
                    types[i] = TextTypes.Widen(types[i], TextValues.Detect(text));
                }
            }
        }

        // A column with no value in the window is read as text, as TextType.Empty documents.
        return new TableSchema(names, [.. types.Select(t => t == TextType.Empty ? TextType.Utf8 : t)]);
    }

    public string Describe() => string.Join(", ", Names.Zip(Types, (n, t) => $"{n} {TextTypes.Describe(t)}"));
}
