using CqSourceS3.Tests.Shared;
using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

/// <summary>
/// A file another engine wrote, so the reader is checked against real-world output rather than only our own lines.
/// <c>Fixtures/duckdb.jsonl</c> was written by DuckDB v1.5.5 (bench/duckdb's @duckdb/node-api) after
/// <c>SET TimeZone = 'UTC'</c>, by:
/// <code>
/// COPY (SELECT * FROM (VALUES
///   (1, 'ann', 1.5, TRUE, DATE '2024-01-02', TIMESTAMPTZ '2024-01-02 03:04:05.25+02', [1, 2], {'k': 'v', 'n': 1}, NULL),
///   (2, 'bé "q"', -2.0, FALSE, DATE '1969-12-31', TIMESTAMPTZ '1970-01-01 00:00:00+00', [], {'k': 'w', 'n': NULL},
///    'tab' || chr(9) || 'and' || chr(10) || 'newline'),
///   (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '😀')
/// ) t(id, name, score, ok, day, seen_at, tags, meta, note)) TO 'duckdb.jsonl' (FORMAT json);
/// </code>
/// </summary>
public sealed class JsonLinesDuckDbFixtureTests
{
    private static readonly string Text = File.ReadAllText(
        Path.Combine(RepoPaths.Root, "test", "Client.Tests", "Text", "JsonLines", "Fixtures", "duckdb.jsonl"));

    [Fact]
    public void Infer_DuckDbOutput_EachColumnOfItsSqlType()
    {
        var inference = Infer(Text);

        Assert.Equal(
            "id:int64, name:string, score:float64, ok:bool, day:date, seen_at:timestamp, tags:json, meta:json, note:string, _extra:json",
            Describe(inference.Schema));
        Assert.Equal(3, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Read_DuckDbOutput_ValuesAsDuckDbHeldThem()
    {
        var batches = Read(Text);

        Assert.Equal(["1", "2", "3"], Column(batches, "id"));
        Assert.Equal(["ann", "bé \"q\"", null], Column(batches, "name"));
        Assert.Equal(["1.5", "-2", null], Column(batches, "score"));
        Assert.Equal(["true", "false", null], Column(batches, "ok"));
        Assert.Equal(["2024-01-02", "1969-12-31", null], Column(batches, "day"));
        Assert.Equal(["2024-01-02T01:04:05.250000Z", "1970-01-01T00:00:00.000000Z", null], Column(batches, "seen_at"));
        Assert.Equal(["[1,2]", "[]", null], Column(batches, "tags"));
        Assert.Equal(["{\"k\":\"v\",\"n\":1}", "{\"k\":\"w\",\"n\":null}", null], Column(batches, "meta"));
        Assert.Equal([null, "tab\tand\nnewline", "😀"], Column(batches, "note"));
        Assert.Equal([null, null, null], Column(batches, "_extra"));
    }
}
