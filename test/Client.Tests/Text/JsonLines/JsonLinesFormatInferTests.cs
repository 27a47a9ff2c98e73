using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesFormatInferTests
{
    [Fact]
    public void Infer_EachJsonKind_GetsItsTypeAndOverflowComesLast()
    {
        const string text = """
            {"b":true,"i":42,"f":1.5,"s":"x","d":"2024-01-02","t":"2024-01-02T03:04:05Z","o":{"a":1},"a":[1],"n":null}
            """;

        var inference = Infer(text);

        Assert.Equal(
            "b:bool, i:int64, f:float64, s:string, d:date, t:timestamp, o:json, a:json, n:string, _extra:json",
            Describe(inference.Schema));
        Assert.All(inference.Schema.FieldsList, f => Assert.True(f.IsNullable));
        Assert.Equal(1, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Theory]
    [InlineData("1", "2.5", "float64")]
    [InlineData("1", "1e3", "float64")]
    [InlineData("1", "1.0", "float64")]
    [InlineData("1", "12345678901234567890", "float64")]
    [InlineData("1", "1e400", "string")]
    [InlineData("\"2024-01-02\"", "\"2024-01-02T10:00:00+02:00\"", "timestamp")]
    [InlineData("\"2024-01-02\"", "\"soon\"", "string")]
    [InlineData("\"123\"", "\"456\"", "string")]
    [InlineData("true", "3", "string")]
    [InlineData("\"x\"", "{\"a\":1}", "json")]
    [InlineData("[1]", "2", "json")]
    [InlineData("null", "7", "int64")]
    [InlineData("null", "null", "string")]
    public void Infer_TwoValuesOfAKey_WidenToTheNarrowestTypeHoldingBoth(string first, string second, string expected)
    {
        var inference = Infer($"{{\"v\":{first}}}\n{{\"v\":{second}}}\n");

        Assert.Equal($"v:{expected}, _extra:json", Describe(inference.Schema));
    }

    [Fact]
    public void Infer_KeysOverSeveralLines_ColumnsInFirstSeenOrder()
    {
        const string text = """
            {"b":1}
            {"a":1,"b":2}
            {"c":1,"a":2}
            """;

        var inference = Infer(text);

        Assert.Equal("b:int64, a:int64, c:int64, _extra:json", Describe(inference.Schema));
    }

    [Fact]
    public void Infer_EscapedKey_ColumnNamedByItsText()
    {
        var inference = Infer("{\"caf\\u00e9\":1,\"tab\\tkey\":2}\n");

        Assert.Equal(["café", "tab\tkey", "_extra"], inference.Schema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public void Infer_MoreLinesThanInferRows_StopsAndReportsNotTheEnd()
    {
        const string text = """
            {"a":1}
            {"a":2}
            {"late":3}
            """;

        var inference = Infer(text, Options(inferRows: 2));

        Assert.Equal("a:int64, _extra:json", Describe(inference.Schema));
        Assert.Equal(2, inference.RowsRead);
        Assert.False(inference.ReachedEnd);
    }

    [Fact]
    public void Infer_ExactlyInferRowsThenBlankLines_ReachedEnd()
    {
        var inference = Infer("{\"a\":1}\n{\"a\":2}\n\n  \r\n\t\n", Options(inferRows: 2));

        Assert.Equal(2, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Infer_BlankLines_AreNotRows()
    {
        var inference = Infer("\n{\"a\":1}\n   \n\n{\"a\":2}\n\n");

        Assert.Equal(2, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n \n\r\n")]
    [InlineData("\uFEFF")]
    public void Infer_ObjectWithoutRows_EmptySchemaAndReachedEnd(string text)
    {
        var columns = Infer(text);
        var raw = Infer(text, Options(raw: true));

        Assert.Empty(columns.Schema.FieldsList);
        Assert.Equal(0, columns.RowsRead);
        Assert.True(columns.ReachedEnd);
        Assert.Empty(raw.Schema.FieldsList);
        Assert.True(raw.ReachedEnd);
    }

    [Fact]
    public void Infer_OnlyEmptyObjects_OnlyTheOverflowColumn()
    {
        var inference = Infer("{}\n{ }\n");

        Assert.Equal("_extra:json", Describe(inference.Schema));
        Assert.Equal(2, inference.RowsRead);
    }

    [Fact]
    public void Infer_KeyNamedExtra_IsAColumnAndTheOverflowTakesTheNextName()
    {
        var inference = Infer("{\"_extra\":\"mine\",\"_extra_2\":1}\n");

        Assert.Equal("_extra:string, _extra_2:int64, _extra_3:json", Describe(inference.Schema));
    }

    [Fact]
    public void Infer_RepeatedKeyOnALine_OneColumnWidenedByBothValues()
    {
        var inference = Infer("{\"a\":1,\"a\":2.5}\n");

        Assert.Equal("a:float64, _extra:json", Describe(inference.Schema));
    }
}
