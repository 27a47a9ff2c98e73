using Apache.Arrow;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using CqSourceS3.Client.Text.JsonLines;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Formats;

/// <summary>The parser of one text format, under the options for one object: inference for discovery, batches for a sync.</summary>
/// <param name="Name">The format's name in messages.</param>
/// <param name="Infer">Reads the start of the decompressed bytes and infers the schema.</param>
/// <param name="Read">Reads every row into batches of the given schema, at most the given rows each.</param>
internal sealed record TextParser(
    string Name,
    Func<Stream, CancellationToken, TextInference> Infer,
    Func<Stream, Schema, int, CancellationToken, IEnumerable<RecordBatch>> Read)
{
    /// <summary>The parser for an object with <paramref name="extension"/> (a CSV or JSON Lines one).</summary>
    public static TextParser For(ObjectExtension extension, TextReadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (extension.Format == ObjectFormats.Csv)
        {
            var csv = new CsvFormat(settings.CsvFor(extension));
            return new TextParser(extension.TabSeparated ? "TSV" : "CSV", csv.Infer, csv.Read);
        }

        var jsonLines = new JsonLinesFormat(settings.JsonLines);
        return new TextParser("JSON Lines", jsonLines.Infer, jsonLines.Read);
    }
}
