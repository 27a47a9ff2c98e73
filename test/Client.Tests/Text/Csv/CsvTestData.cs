using System.Text;
using Apache.Arrow;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Text.Csv;

/// <summary>CSV text as streams, and what the format makes of it, in forms a test can compare.</summary>
internal static class CsvTestData
{
    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static TextInference Infer(string csv, CsvOptions? options = null) =>
        new CsvFormat(options ?? new CsvOptions()).Infer(Utf8(csv), CancellationToken.None);

    /// <summary>Infers the schema, then reads the whole text with it, as a sync does.</summary>
    public static List<RecordBatch> Read(string csv, CsvOptions? options = null, int maxRowsPerBatch = 1000)
    {
        var format = new CsvFormat(options ?? new CsvOptions());
        var schema = format.Infer(Utf8(csv), CancellationToken.None).Schema;
        return [.. format.Read(Utf8(csv), schema, maxRowsPerBatch, CancellationToken.None)];
    }

    /// <summary>Every row as one line of formatted cells (<c>"text"</c>, numbers, <c>null</c>), joined by <c> | </c>.</summary>
    public static string[] Rows(IEnumerable<RecordBatch> batches) => [.. batches.SelectMany(ArrowValueFormatter.Rows)];

    public static string[] Names(Schema schema) => [.. schema.FieldsList.Select(f => f.Name)];

    /// <summary>The column types as <see cref="TextTypes.Describe"/> names them.</summary>
    public static string[] Types(Schema schema) => [.. schema.FieldsList.Select(f => TextTypes.Describe(TextTypes.Of(f)!.Value))];

    /// <summary>The microseconds since the epoch of a UTC time written as <c>yyyy-MM-ddTHH:mm:ss.fffffff</c>.</summary>
    public static long Micros(string utc) =>
        (DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)
            - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
