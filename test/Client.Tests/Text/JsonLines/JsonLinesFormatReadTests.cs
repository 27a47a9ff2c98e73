using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesFormatReadTests
{
    [Fact]
    public void Read_EachType_ValuesConvertedFromTheirJson()
    {
        const string text = """
            {"b":true,"i":-42,"f":1.5,"s":"x","d":"2024-01-02","t":"2024-01-02T03:04:05.123456Z"}
            {"b":false,"i":9223372036854775807,"f":2,"s":"","d":"1969-12-31","t":"1970-01-01"}
            """;

        var batches = Read(text);

        Assert.Equal(["true", "false"], Column(batches, "b"));
        Assert.Equal(["-42", "9223372036854775807"], Column(batches, "i"));
        Assert.Equal(["1.5", "2"], Column(batches, "f"));
        Assert.Equal(["x", ""], Column(batches, "s"));
        Assert.Equal(["2024-01-02", "1969-12-31"], Column(batches, "d"));
        Assert.Equal(["2024-01-02T03:04:05.123456Z", "1970-01-01T00:00:00.000000Z"], Column(batches, "t"));
    }

    [Fact]
    public void Read_TimestampsWithOffsets_ConvertedToUtc()
    {
        const string text = """
            {"t":"2024-03-01T10:00:00+02:00"}
            {"t":"2024-03-01 10:00:00.5-05:30"}
            {"t":"2024-03-01T00:30Z"}
            """;

        var batches = Read(text);

        Assert.Equal(
            ["2024-03-01T08:00:00.000000Z", "2024-03-01T15:30:00.500000Z", "2024-03-01T00:30:00.000000Z"],
            Column(batches, "t"));
    }

    [Fact]
    public void Read_NestedObjectsAndArrays_JsonTextExactlyAsWritten()
    {
        const string text = """
            {"o":{"user":"ann","n":[1,2]},"a":[ {"x" : null}, "s", 1.50 ]}
            {"o":{ "deep": {"deeper": [[], {}]} },"a":[]}
            """;

        var batches = Read(text);

        Assert.Equal(["{\"user\":\"ann\",\"n\":[1,2]}", "{ \"deep\": {\"deeper\": [[], {}]} }"], Column(batches, "o"));
        Assert.Equal(["[ {\"x\" : null}, \"s\", 1.50 ]", "[]"], Column(batches, "a"));
    }

    [Fact]
    public void Read_EscapedStrings_UnescapedInUtf8ColumnsAndKeptRawInJsonColumns()
    {
        // "j" is json because its second value is an object; its string value stays a JSON string, quotes and all.
        const string text = """
            {"s":"say \"hi\"\nnew line, caf\u00e9, smile \ud83d\ude00, back\\slash, \/","j":"caf\u00e9 \"q\""}
            {"s":"plain é 😀","j":{"k":1}}
            """;

        var batches = Read(text);

        Assert.Equal(["say \"hi\"\nnew line, café, smile 😀, back\\slash, /", "plain é 😀"], Column(batches, "s"));
        Assert.Equal(["\"caf\\u00e9 \\\"q\\\"\"", "{\"k\":1}"], Column(batches, "j"));
    }

    [Fact]
    public void Read_MissingKeysAndNulls_AreNulls()
    {
        const string text = """
            {"a":1,"b":"x"}
            {"b":null}
            {}
            {"a":null,"b":"y"}
            """;

        var batches = Read(text);

        Assert.Equal(["1", null, null, null], Column(batches, "a"));
        Assert.Equal(["x", null, null, "y"], Column(batches, "b"));
        Assert.Equal([null, null, null, null], Column(batches, "_extra"));
    }

    [Fact]
    public void Read_KeysInAnotherOrderThanTheColumns_MatchedByName()
    {
        const string text = """
            {"a":1,"b":2,"c":3}
            {"c":30,"a":10,"b":20}
            {"b":200,"c":300}
            """;

        var batches = Read(text);

        Assert.Equal(["1", "10", null], Column(batches, "a"));
        Assert.Equal(["2", "20", "200"], Column(batches, "b"));
        Assert.Equal(["3", "30", "300"], Column(batches, "c"));
    }

    [Fact]
    public void Read_ManyKeysInReverseOrder_EachFoundByName()
    {
        var keys = Enumerable.Range(0, 300).Select(i => $"key_{i}").ToList();
        var forward = "{" + string.Join(",", keys.Select((k, i) => $"\"{k}\":{i}")) + "}";
        var backward = "{" + string.Join(",", keys.Select((k, i) => $"\"{k}\":{i * 10}").Reverse()) + "}";

        var batches = Read(forward + "\n" + backward + "\n");

        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal([$"{i}", $"{i * 10}"], Column(batches, keys[i])));
        Assert.Equal([null, null], Column(batches, "_extra"));
    }

    [Fact]
    public void Read_EscapedKeyOnALaterLine_MatchesTheColumnOfItsText()
    {
        var batches = Read("{\"café\":1}\n{\"caf\\u00e9\":2}\n");

        Assert.Equal(["1", "2"], Column(batches, "café"));
    }

    [Fact]
    public void Read_NumbersAndBoolsIntoAStringColumn_KeptAsWritten()
    {
        // Mixed kinds make the column utf8; a number's text is kept exactly (1.50 is not shortened to 1.5).
        const string text = """
            {"v":"text"}
            {"v":1.50}
            {"v":true}
            {"v":-7}
            """;

        var batches = Read(text, Options(inferRows: 1));

        Assert.Equal(["text", "1.50", "true", "-7"], Column(batches, "v"));
    }

    [Fact]
    public void Read_IntegersIntoAFloatColumn_Widened()
    {
        var batches = Read("{\"f\":0.5}\n{\"f\":3}\n{\"f\":-1e2}\n", Options(inferRows: 1));

        Assert.Equal(["0.5", "3", "-100"], Column(batches, "f"));
    }

    [Fact]
    public void Read_DateIntoATimestampColumn_Midnight()
    {
        var batches = Read("{\"t\":\"2024-01-02T03:04:05Z\"}\n{\"t\":\"2024-05-06\"}\n", Options(inferRows: 1));

        Assert.Equal(["2024-01-02T03:04:05.000000Z", "2024-05-06T00:00:00.000000Z"], Column(batches, "t"));
    }

    [Fact]
    public void Read_EscapedDateString_Unescaped()
    {
        var batches = Read("{\"d\":\"2024-01-02\"}\n{\"d\":\"\\u0032024-01-03\"}\n", Options(inferRows: 1));

        Assert.Equal(["2024-01-02", "2024-01-03"], Column(batches, "d"));
    }

    [Fact]
    public void Read_AnyValueIntoAJsonColumn_ItsJsonText()
    {
        const string text = """
            {"j":{"a":1}}
            {"j":"s"}
            {"j":12.0}
            {"j":false}
            {"j":null}
            """;

        var batches = Read(text, Options(inferRows: 1));

        Assert.Equal(["{\"a\":1}", "\"s\"", "12.0", "false", null], Column(batches, "j"));
    }

    [Fact]
    public void Read_RepeatedKeyOnALine_LastValueWins()
    {
        var batches = Read("{\"a\":1,\"b\":2,\"a\":3}\n");

        Assert.Equal(["3"], Column(batches, "a"));
        Assert.Equal(["2"], Column(batches, "b"));
    }

    [Fact]
    public void Read_LongString_StoredWhole()
    {
        var value = string.Concat(Enumerable.Repeat("0123456789é", 10_000));

        var batches = Read($"{{\"s\":\"{value}\"}}\n{{\"s\":\"{value.Replace("é", "\\u00e9", StringComparison.Ordinal)}\"}}\n");

        Assert.Equal([value, value], Column(batches, "s"));
    }
}
