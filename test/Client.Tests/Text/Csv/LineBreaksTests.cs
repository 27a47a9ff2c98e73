using CqSourceS3.Client.Text.Csv;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class LineBreaksTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("a,b", 0)]
    [InlineData("a,b\n", 1)]
    [InlineData("a,b\r\n", 1)]
    [InlineData("a,b\r", 1)]
    [InlineData("\"x\r\ny\nz\rw\"\r\n", 4)]
    [InlineData("\n\n\r\r\n", 4)]
    public void Count_Text_EachOfLfCrLfAndCrIsOne(string text, int expected)
    {
        Assert.Equal(expected, LineBreaks.Count(text));
    }
}
