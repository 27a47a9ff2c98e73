using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.JsonLines;
using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesRawModeTests
{
    [Fact]
    public void Infer_Raw_OneDataJsonColumnWithRowsAndEnd()
    {
        var inference = Infer("{\"a\":1}\n\n[2]\n", Options(raw: true));

        Assert.Equal("data:json", Describe(inference.Schema));
        Assert.Equal(2, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Infer_RawWithMoreLinesThanInferRows_NotTheEnd()
    {
        var inference = Infer("1\n2\n3\n", Options(raw: true, inferRows: 2));

        Assert.Equal(2, inference.RowsRead);
        Assert.False(inference.ReachedEnd);
    }

    [Fact]
    public void Read_Raw_EachLineAsWrittenWithoutSurroundingWhitespace()
    {
        const string text = "  {\"a\": [1, 2] }  \r\n[1,\"x\"]\n\"caf\\u00e9\"\n\t42.50\nnull\ntrue\n";

        var batches = Read(text, Options(raw: true));

        Assert.Equal(["{\"a\": [1, 2] }", "[1,\"x\"]", "\"caf\\u00e9\"", "42.50", "null", "true"], Column(batches, "data"));
    }

    [Theory]
    [InlineData("{\"a\":}")]
    [InlineData("1 2")]
    [InlineData("{} []")]
    [InlineData("nul")]
    public void Read_RawLineNotOneJsonValue_FailsNamingTheLine(string bad)
    {
        var format = new JsonLinesFormat(Options(raw: true));

        var error = Assert.Throws<TextDataException>(
            () => format.Read(Utf8("1\n\n" + bad + "\n"), JsonLinesSchema.Raw, 10, CancellationToken.None).ToList());

        Assert.StartsWith("line 3 is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_RawInvalidLineInTheWindow_Fails()
    {
        var error = Assert.Throws<TextDataException>(() => Infer("1\n{\n", Options(raw: true)));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Read_RawWithAColumnsSchema_Refused()
    {
        var format = new JsonLinesFormat(Options(raw: true));
        var schema = Infer("{\"a\":1}\n").Schema;

        Assert.Throws<ArgumentException>(() => format.Read(Utf8("1\n"), schema, 10, CancellationToken.None));
    }
}
