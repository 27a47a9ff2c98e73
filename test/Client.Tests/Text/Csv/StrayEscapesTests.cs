using CqSourceS3.Client.Text.Csv;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class StrayEscapesTests
{
    [Theory]
    [InlineData("\"a\\\"b\",\"c\\\\d\"\n", -1)]
    [InlineData("a\\tb,\"x\"\n", -1)]
    [InlineData("x\"\\t\",y\n", -1)]
    [InlineData("\"ok\",\"C:\\temp\"\n", 8)]
    [InlineData("\"line\nbreak\\n\"\r\n", 11)]
    public void Find_Record_IndexOfTheFirstEscapeInsideQuotesBeforeAnOrdinaryCharacter(string record, int expected)
    {
        Assert.Equal(expected, StrayEscapes.Find(record, ',', '"', '\\'));
    }
}
