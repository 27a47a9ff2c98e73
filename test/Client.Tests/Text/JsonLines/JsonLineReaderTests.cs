using System.Text;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.JsonLines;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLineReaderTests
{
    [Fact]
    public void TryReadLine_BomCrLfAndBlankLines_NonBlankLinesWithTheirNumbers()
    {
        using var reader = Reader("\uFEFFa\r\n\r\n  \nb\n\t\nc\rd\r\n\ne");

        Assert.Equal([(1, "a"), (4, "b"), (6, "c\rd"), (8, "e")], ReadAll(reader));
    }

    [Fact]
    public void TryReadLine_ByteOrderMarkNotAtTheStart_Kept()
    {
        using var reader = Reader("a\n\uFEFFb\n");

        Assert.Equal([(1, "a"), (2, "\uFEFFb")], ReadAll(reader));
    }

    [Fact]
    public void TryReadLine_LinesLongerThanTheInitialBuffer_ReadWhole()
    {
        var longLine = new string('x', 300_000);
        using var reader = Reader($"short\n{longLine}\n{longLine}y", maxLineBytes: 400_000);

        Assert.Equal([(1, "short"), (2, longLine), (3, longLine + "y")], ReadAll(reader));
    }

    [Fact]
    public void TryReadLine_LastLineLongerThanTheLimitWithoutNewline_Fails()
    {
        using var reader = Reader("ok\n" + new string('x', 11), maxLineBytes: 10);

        Assert.True(reader.TryReadLine(out _, CancellationToken.None));
        var error = Assert.Throws<TextDataException>(() => reader.TryReadLine(out _, CancellationToken.None));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void TryReadLine_TrailingCrNotCountedInTheLength()
    {
        using var reader = Reader(new string('x', 10) + "\r\n", maxLineBytes: 10);

        Assert.Equal([(1, new string('x', 10))], ReadAll(reader));
    }

    [Fact]
    public void AtEnd_OnlyBlankLinesLeft_True()
    {
        using var reader = Reader("a\n \n\r\n\t");

        Assert.True(reader.TryReadLine(out _, CancellationToken.None));
        Assert.True(reader.AtEnd(CancellationToken.None));
        Assert.False(reader.TryReadLine(out _, CancellationToken.None));
    }

    [Fact]
    public void AtEnd_ARowLeft_FalseAndTheRowStillReadWithItsNumber()
    {
        using var reader = Reader("a\n\n  \n  b\nc");

        Assert.True(reader.TryReadLine(out _, CancellationToken.None));
        Assert.False(reader.AtEnd(CancellationToken.None));
        Assert.Equal([(4, "  b"), (5, "c")], ReadAll(reader));
    }

    [Fact]
    public void TryReadLine_OneBytePerRead_SameLines()
    {
        const string text = "\uFEFFfirst\r\n\nsecond é\nthird";
        using var reader = new JsonLineReader(new OneByteStream(new MemoryStream(Encoding.UTF8.GetBytes(text))), 100);

        Assert.Equal([(1, "first"), (3, "second é"), (4, "third")], ReadAll(reader));
    }

    private static JsonLineReader Reader(string text, int maxLineBytes = 1000) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes);

    private static List<(long Number, string Text)> ReadAll(JsonLineReader reader)
    {
        var lines = new List<(long, string)>();
        while (reader.TryReadLine(out var line, CancellationToken.None))
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(line)));
        }

        return lines;
    }
}
