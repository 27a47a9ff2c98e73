using System.Text;
using CqSourceS3.Client.Text.Csv;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class StrictUtf8ReaderTests
{
    [Fact]
    public void ReadToEnd_CharactersSplitAcrossStreamReads_DecodesThemWhole()
    {
        const string Text = "a€b😀c\r\nZürich";
        using var reader = new StrictUtf8Reader(new OneByteStream(Encoding.UTF8.GetBytes(Text)));

        var read = reader.ReadToEnd();

        Assert.Equal(Text, read);
        Assert.Equal(Text.Length, reader.CharsRead);
    }

    [Fact]
    public void ReadToEnd_ByteOrderMark_IsDropped()
    {
        using var reader = new StrictUtf8Reader(new MemoryStream([0xEF, 0xBB, 0xBF, (byte)'x']));

        Assert.Equal("x", reader.ReadToEnd());
    }

    [Fact]
    public void ReadToEnd_OnlyAByteOrderMark_IsEmpty()
    {
        using var reader = new StrictUtf8Reader(new MemoryStream([0xEF, 0xBB, 0xBF]));

        Assert.Equal("", reader.ReadToEnd());
        Assert.True(reader.IsAtEnd());
    }

    [Theory]
    [InlineData(new byte[] { (byte)'o', (byte)'k', 0xFF, (byte)'x' }, 2)]
    [InlineData(new byte[] { (byte)'o', 0xC3 }, 1)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 0)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xC0, 0x80 }, 3)]
    public void Read_InvalidBytes_ReturnsTheTextBeforeThenThrowsWithTheirOffset(byte[] bytes, int offset)
    {
        using var reader = new StrictUtf8Reader(new MemoryStream(bytes));
        var buffer = new char[64];
        var before = new StringBuilder();

        var error = Assert.Throws<DecoderFallbackException>(() =>
        {
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                before.Append(buffer, 0, read);
            }
        });

        Assert.Equal(Encoding.UTF8.GetString(bytes[..offset]).TrimStart('\uFEFF'), before.ToString());
        Assert.Contains($"byte offset {offset}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipLines_MixedLineEnds_LeavesTheRestUnchanged()
    {
        using var reader = new StrictUtf8Reader(new OneByteStream(Encoding.UTF8.GetBytes("one\r\ntwo\rthree\nrest\r\nmore")));

        var skipped = reader.SkipLines(3);

        Assert.True(skipped);
        Assert.Equal(3, reader.LinesSkipped);
        Assert.Equal("rest\r\nmore", reader.ReadToEnd());
    }

    [Fact]
    public void SkipLines_CrLfAfterTheLastSkippedLine_LeavesNoLineFeed()
    {
        using var reader = new StrictUtf8Reader(new MemoryStream("x\r\ny"u8.ToArray()));

        reader.SkipLines(1);

        Assert.Equal("y", reader.ReadToEnd());
    }

    [Fact]
    public void SkipLines_MoreThanTheText_ReturnsFalse()
    {
        using var reader = new StrictUtf8Reader(new MemoryStream("a\nb"u8.ToArray()));

        Assert.False(reader.SkipLines(3));
        Assert.Equal(1, reader.LinesSkipped);
    }

    [Fact]
    public void Read_OneCharacterAtATime_SplitsSurrogatePairsSafely()
    {
        using var reader = new StrictUtf8Reader(new MemoryStream(Encoding.UTF8.GetBytes("😀!")));
        var text = new StringBuilder();

        int next;
        while ((next = reader.Read()) >= 0)
        {
            text.Append((char)next);
        }

        Assert.Equal("😀!", text.ToString());
    }

    [Fact]
    public void IsAtEnd_BeforeAndAfterTheLastCharacter_TellsWhetherTextRemains()
    {
        using var reader = new StrictUtf8Reader(new MemoryStream("ab"u8.ToArray()));
        var buffer = new char[1];

        Assert.False(reader.IsAtEnd());
        reader.Read(buffer, 0, 1);
        Assert.False(reader.IsAtEnd());
        reader.Read(buffer, 0, 1);
        Assert.True(reader.IsAtEnd());
    }

    // Hands out one byte per read, so every multi-byte character straddles reads.
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }
}
