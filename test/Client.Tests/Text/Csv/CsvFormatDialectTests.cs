using System.Text;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using static CqSourceS3.Client.Tests.Text.Csv.CsvTestData;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class CsvFormatDialectTests
{
    [Fact]
    public void Read_ByteOrderMark_IsNotPartOfTheFirstName()
    {
        var format = new CsvFormat(new CsvOptions());
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id,name\n1,a\n")];

        var schema = format.Infer(new MemoryStream(bytes), CancellationToken.None).Schema;
        var rows = Rows(format.Read(new MemoryStream(bytes), schema, 10, CancellationToken.None));

        Assert.Equal(["id", "name"], Names(schema));
        Assert.Equal(["1 | \"a\""], rows);
    }

    [Fact]
    public void Read_CrLfLineEnds_EndRowsWithoutCarriageReturns()
    {
        var batches = Read("id,name\r\n1,a\r\n2,b\r\n");

        Assert.Equal(["1 | \"a\"", "2 | \"b\""], Rows(batches));
    }

    [Fact]
    public void Read_LastLineWithoutLineBreak_IsARow()
    {
        var batches = Read("id,name\n1,a\n2,b");

        Assert.Equal(["1 | \"a\"", "2 | \"b\""], Rows(batches));
    }

    [Fact]
    public void Read_QuotedFields_KeepDelimitersDoubledQuotesAndLineBreaks()
    {
        var csv = "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"one\r\ntwo\",\"three\nfour\"\n";

        var rows = Rows(Read(csv));

        Assert.Equal(["\"x,y\" | \"say \"hi\"\"", "\"one\r\ntwo\" | \"three\nfour\""], rows);
    }

    [Fact]
    public void Read_EscapeCharacter_EscapesQuotesAndItselfInsideQuotes()
    {
        var options = new CsvOptions { Escape = '\\' };

        var rows = Rows(Read("a,b\n\"say \\\"hi\\\"\",\"back\\\\slash\"\n", options));

        Assert.Equal(["\"say \"hi\"\" | \"back\\slash\""], rows);
    }

    [Theory]
    [InlineData("a\n\"C:\\temp\"\n")]
    [InlineData("a\n\"say \\\"hi\\\" C:\\temp\"\n")]
    public void Read_EscapeBeforeAnOrdinaryCharacterInsideQuotes_ThrowsNamingTheLine(string csv)
    {
        var error = Assert.Throws<TextDataException>(() => Read(csv, new CsvOptions { Escape = '\\' }));

        Assert.Equal(2, error.Line);
        Assert.Contains("escape character '\\' before 't'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EscapeCharacterOutsideQuotesOrWithoutEscapeOption_IsText()
    {
        var escaped = Rows(Read("a,b\nC:\\temp,x\"y\n", new CsvOptions { Escape = '\\' }));
        var plain = Rows(Read("a\n\"C:\\temp\"\n"));

        Assert.Equal(["\"C:\\temp\" | \"x\"y\""], escaped);
        Assert.Equal(["\"C:\\temp\""], plain);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Read_CustomDelimiter_SplitsFieldsOnIt(char delimiter)
    {
        var csv = $"id{delimiter}name{delimiter}note\n1{delimiter}a,b{delimiter}x\n";

        var batches = Read(csv, new CsvOptions { Delimiter = delimiter });

        Assert.Equal(["id", "name", "note"], Names(batches[0].Schema));
        Assert.Equal(["1 | \"a,b\" | \"x\""], Rows(batches));
    }

    [Fact]
    public void Read_CommaWhenDelimiterIsSemicolon_IsNotGuessedAsDelimiter()
    {
        var inference = Infer("a,b\n1,2\n", new CsvOptions { Delimiter = ';' });

        Assert.Equal(["a,b"], Names(inference.Schema));
    }

    [Fact]
    public void Read_LineStartingWithHash_IsDataNotAComment()
    {
        var rows = Rows(Read("tag,n\n#first,1\n#,2\n"));

        Assert.Equal(["\"#first\" | 1", "\"#\" | 2"], rows);
    }

    [Fact]
    public void Read_MultiByteCharacters_AreKept()
    {
        var rows = Rows(Read("name\nZürich\n日本\n😀\n"));

        Assert.Equal(["\"Zürich\"", "\"日本\"", "\"😀\""], rows);
    }

    [Fact]
    public void Ctor_DelimiterEqualToQuote_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvFormat(new CsvOptions { Delimiter = '"' }));

        Assert.Contains("delimiter and quote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_NonAsciiDelimiter_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvFormat(new CsvOptions { Delimiter = '§' }));

        Assert.Contains("delimiter", error.Message, StringComparison.Ordinal);
    }
}
