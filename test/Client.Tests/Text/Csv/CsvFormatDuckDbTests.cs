using Apache.Arrow;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using CqSourceS3.Tests.Shared;
using static CqSourceS3.Client.Tests.Text.Csv.CsvTestData;

namespace CqSourceS3.Client.Tests.Text.Csv;

/// <summary>
/// A CSV file DuckDB 1.5.5 wrote (node <c>@duckdb/node-api</c> in <c>bench/duckdb</c>, <c>SET TimeZone = 'UTC'</c>,
/// then <c>COPY (SELECT * FROM (VALUES …) t(id, amount, note, flag, day, seen, seen_tz, code)) TO
/// 'duckdb_types.csv' (HEADER, DELIMITER ',')</c> of an integer, a double, text with a comma, quotes and a line break,
/// a boolean, a date, a timestamp, a timestamptz and a zero-padded text, with NULLs and an empty string).
/// </summary>
public sealed class CsvFormatDuckDbTests
{
    private static readonly string Fixture = Path.Combine(RepoPaths.Root, "test", "Client.Tests", "Text", "Csv", "Fixtures", "duckdb_types.csv");

    [Fact]
    public void Infer_DuckDbFile_TypesOfItsColumns()
    {
        using var file = File.OpenRead(Fixture);

        var inference = new CsvFormat(new CsvOptions()).Infer(file, CancellationToken.None);

        Assert.Equal(["id", "amount", "note", "flag", "day", "seen", "seen_tz", "code"], Names(inference.Schema));
        Assert.Equal(["int64", "float64", "string", "bool", "date", "timestamp", "timestamp", "string"], Types(inference.Schema));
        Assert.Equal(3, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Read_DuckDbFile_ValuesAsDuckDbWroteThem()
    {
        var format = new CsvFormat(new CsvOptions());
        using var first = File.OpenRead(Fixture);
        var schema = format.Infer(first, CancellationToken.None).Schema;
        using var second = File.OpenRead(Fixture);

        var batch = Assert.Single(format.Read(second, schema, 100, CancellationToken.None));

        var note = (StringArray)batch.Column(2);
        var seen = (TimestampArray)batch.Column(5);
        var seenTz = (TimestampArray)batch.Column(6);
        Assert.Equal("comma, \"quote\" and\nnewline", note.GetString(1));
        // DuckDB writes an empty string as "" and NULL as nothing; both match the default null value, the empty text.
        Assert.True(note.IsNull(2));
        Assert.Equal(Micros("2024-03-01T10:20:30.123456"), seen.GetValue(0));
        Assert.Equal(Micros("2024-03-01T10:20:30"), seenTz.GetValue(0));
        Assert.Equal(Micros("2000-01-01T04:59:59.5"), seenTz.GetValue(2));
        Assert.Equal(
            [
                "1 | 1.5 | \"plain\" | true | 19782 | 1709288430123456 | 1709288430000000 | \"007\"",
                "2 | null | \"comma, \"quote\" and\nnewline\" | false | null | null | null | \"010\"",
                "3 | -22500000000 | null | null | 0 | 0 | 946702799500000 | null",
            ],
            Rows([batch]));
    }
}
