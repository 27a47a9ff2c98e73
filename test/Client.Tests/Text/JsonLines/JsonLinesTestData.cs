using System.Globalization;
using System.Text;
using Apache.Arrow;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.JsonLines;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

/// <summary>Runs the real <see cref="JsonLinesFormat"/> over text and renders what it produced as text.</summary>
internal static class JsonLinesTestData
{
    public static JsonLinesOptions Options(int inferRows = 1000, bool raw = false, int maxLineBytes = 1024 * 1024) =>
        new() { InferRows = inferRows, Raw = raw, MaxLineBytes = maxLineBytes };

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public static TextInference Infer(string text, JsonLinesOptions? options = null) =>
        new JsonLinesFormat(options ?? Options()).Infer(Utf8(text), CancellationToken.None);

    /// <summary>Infers the schema of <paramref name="text"/>, then reads all of it with that schema, as an integration would.</summary>
    public static List<RecordBatch> Read(string text, JsonLinesOptions? options = null, int maxRowsPerBatch = 1024)
    {
        var format = new JsonLinesFormat(options ?? Options());
        var schema = format.Infer(Utf8(text), CancellationToken.None).Schema;
        return format.Read(Utf8(text), schema, maxRowsPerBatch, CancellationToken.None).ToList();
    }

    /// <summary>The columns of a schema as <c>name:type</c>, in order.</summary>
    public static string Describe(Schema schema) =>
        string.Join(", ", schema.FieldsList.Select(f => $"{f.Name}:{(TextTypes.Of(f) is { } type ? TextTypes.Describe(type) : f.DataType.Name)}"));

    /// <summary>Every value of the column <paramref name="name"/> across <paramref name="batches"/>, rendered by <see cref="Cell"/>.</summary>
    public static List<string?> Column(IEnumerable<RecordBatch> batches, string name) =>
        batches.SelectMany(batch =>
        {
            var array = batch.Column(batch.Schema.GetFieldIndex(name));
            return Enumerable.Range(0, batch.Length).Select(row => Cell(array, row));
        }).ToList();

    /// <summary>
    /// One value as text: null for a null, numbers invariant (round-trip floats), dates as <c>yyyy-MM-dd</c>,
    /// timestamps in UTC with microseconds, strings as they are, json as its UTF-8 text.
    /// </summary>
    public static string? Cell(IArrowArray array, int row) => array.IsNull(row) ? null : array switch
    {
        BooleanArray a => a.GetValue(row)!.Value ? "true" : "false",
        Int64Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
        DoubleArray a => a.GetValue(row)!.Value.ToString("R", CultureInfo.InvariantCulture),
        Date32Array a => a.GetDateOnly(row)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimestampArray a => a.GetTimestamp(row)!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        StringArray a => a.GetString(row),
        BinaryArray a => Encoding.UTF8.GetString(a.GetBytes(row)),
        _ => throw new NotSupportedException(array.Data.DataType.Name),
    };
}
