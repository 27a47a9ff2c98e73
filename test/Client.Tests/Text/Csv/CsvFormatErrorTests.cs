using System.Text;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using static CqSourceS3.Client.Tests.Text.Csv.CsvTestData;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class CsvFormatErrorTests
{
    [Theory]
    [InlineData("a,b\n1,2\n3,4,5\n", 3, "3 fields where the header has 2")]
    [InlineData("a,b\n1,2\n\n3\n", 4, "1 field where the header has 2")]
    public void Infer_RaggedRow_ThrowsNamingItsLine(string csv, long line, string expected)
    {
        var error = Assert.Throws<TextDataException>(() => Infer(csv));

        Assert.Equal(line, error.Line);
        Assert.Equal($"line {line}: {expected}", error.Message);
    }

    [Fact]
    public void Infer_RaggedRowWithoutHeader_ComparesWithTheFirstRow()
    {
        var error = Assert.Throws<TextDataException>(() => Infer("1,2\n3\n", new CsvOptions { Header = false }));

        Assert.Equal("line 2: 1 field where the first row has 2", error.Message);
    }

    [Fact]
    public void Read_RaggedRowAfterTheWindow_ThrowsNamingItsLine()
    {
        var options = new CsvOptions { InferRows = 1 };

        var error = Assert.Throws<TextDataException>(() => Read("a,b\n1,2\n3,4\n5,6,7\n", options));

        Assert.Equal(4, error.Line);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_InvalidUtf8_ThrowsNamingTheLineOfItsRecord()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("a,b\n1,\"x\ny\"\n2,\"p\nq"), 0xFF, .. Encoding.UTF8.GetBytes("\"\n")];

        var error = Assert.Throws<TextDataException>(() => new CsvFormat(new CsvOptions()).Infer(new MemoryStream(bytes), CancellationToken.None));

        Assert.Equal(4, error.Line);
        Assert.StartsWith("line 4: not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_InvalidUtf8InASkippedLine_ThrowsNamingThatLine()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("skip\r\nskip "), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\na\n1\n")];

        var error = Assert.Throws<TextDataException>(() => new CsvFormat(new CsvOptions { SkipRows = 2 }).Infer(new MemoryStream(bytes), CancellationToken.None));

        Assert.Equal(2, error.Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8AfterTheWindow_ThrowsNamingItsLine()
    {
        var format = new CsvFormat(new CsvOptions { InferRows = 2 });
        var text = new StringBuilder("n,s\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(i).Append(",x\n");
        }

        byte[] bytes = [.. Encoding.UTF8.GetBytes(text.ToString()), .. "9,"u8, 0xE2, 0x82, (byte)'\n'];
        var schema = format.Infer(new MemoryStream(bytes), CancellationToken.None).Schema;

        var error = Assert.Throws<TextDataException>(() => format.Read(new MemoryStream(bytes), schema, 100, CancellationToken.None).ToList());

        Assert.Equal(5002, error.Line);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadValueAfterTheWindow_ThrowsNamingLineColumnAndValue()
    {
        var options = new CsvOptions { InferRows = 2 };

        var error = Assert.Throws<TextDataException>(() => Read("id,price\n1,1.5\n2,2.5\n3,n/a\n", options));

        Assert.Equal(4, error.Line);
        Assert.Equal("price", error.Column);
        Assert.Equal("line 4, column \"price\": \"n/a\" is not a valid float64", error.Message);
    }

    [Fact]
    public void Read_BadValueAfterQuotedMultilineFields_NamesThePhysicalLineOfItsRecord()
    {
        var options = new CsvOptions { InferRows = 1, SkipRows = 1 };
        var csv = "title line\nid,note\n1,\"a\r\nb\r\nc\"\n2,\"x\ny\"\n\nthree,z\n";

        var error = Assert.Throws<TextDataException>(() => Read(csv, options));

        Assert.Equal(9, error.Line);
        Assert.StartsWith("line 9, column \"id\": \"three\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LongBadValue_IsCutShortInTheMessage()
    {
        var value = new string('x', 10_000);

        var error = Assert.Throws<TextDataException>(() => Read($"n\n1\n{value}\n", new CsvOptions { InferRows = 1 }));

        Assert.True(error.Message.Length < 300, error.Message);
        Assert.Contains("10000 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_UnclosedQuote_ThrowsNamingTheLineWhereItOpens()
    {
        var error = Assert.Throws<TextDataException>(() => Infer("a,b\n1,2\n3,\"open\n4,5\n"));

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_TextAfterAClosingQuote_ThrowsNamingItsLine()
    {
        var error = Assert.Throws<TextDataException>(() => Read("a,b\n1,\"x\"y\n"));

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Read_RecordLongerThanTheMost_ThrowsNamingItsLine()
    {
        var format = new CsvFormat(new CsvOptions(), maxRecordChars: 4096);
        var csv = $"a,b\n1,short\n2,\"{new string('y', 10_000)}\"\n";

        var error = Assert.Throws<TextDataException>(() => format.Infer(Utf8(csv), CancellationToken.None));

        Assert.Equal(3, error.Line);
        Assert.Contains("4096 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MultiMegabyteQuotedField_IsOneValue()
    {
        var big = new string('z', 5 * 1024 * 1024) + ",\n\"";
        var csv = $"a,b\n1,\"{big.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n2,small\n";

        var batch = Assert.Single(Read(csv));

        var column = (Apache.Arrow.StringArray)batch.Column(1);
        Assert.Equal(big, column.GetString(0));
        Assert.Equal("small", column.GetString(1));
    }
}
