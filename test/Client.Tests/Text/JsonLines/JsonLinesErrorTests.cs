using System.Text;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.JsonLines;
using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesErrorTests
{
    [Fact]
    public void Read_LineLongerThanMaxLineBytes_FailsNamingTheLineAndTheLimit()
    {
        var text = "{\"a\":1}\n\n{\"a\":\"" + new string('x', 2000) + "\"}\n";

        var error = Assert.Throws<TextDataException>(() => Read(text, Options(inferRows: 1, maxLineBytes: 1024)));

        Assert.Equal("line 3 is longer than jsonl.max_line_bytes (1024 bytes)", error.Message);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_HugeLineWithoutNewline_FailsAfterReadingLittleMoreThanTheLimit()
    {
        var schema = Infer("{\"a\":1}\n").Schema;
        var stream = new GeneratedTextStream(_ => "{\"a\":\"" + new string('x', 2_000_000), lines: 1);

        var error = Assert.Throws<TextDataException>(
            () => new JsonLinesFormat(Options(maxLineBytes: 1024)).Read(stream, schema, 100, CancellationToken.None).ToList());

        Assert.Contains("line 1 ", error.Message, StringComparison.Ordinal);
        Assert.True(stream.BytesRead < 128 * 1024, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Read_LineOfExactlyMaxLineBytesWithCrLf_Accepted()
    {
        var line = "{\"a\":\"" + new string('x', 1024 - 8) + "\"}";

        var batches = Read(line + "\r\n" + line + "\r\n", Options(maxLineBytes: 1024));

        Assert.Equal(1024, Encoding.UTF8.GetByteCount(line));
        Assert.Equal(2, Column(batches, "a").Count);
    }

    [Theory]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":'x'}")]
    [InlineData("{\"a\":1} {\"a\":2}")]
    [InlineData("{\"a\":1} x")]
    public void Infer_InvalidJson_FailsNamingTheLine(string bad)
    {
        var error = Assert.Throws<TextDataException>(() => Infer("{\"a\":1}\n\n" + bad + "\n"));

        Assert.StartsWith("line 3 is not valid JSON (at byte offset ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_InvalidJsonAfterInference_FailsNamingTheLineAndTheByte()
    {
        var error = Assert.Throws<TextDataException>(() => Read("{\"a\":1}\n{\"a\":}\n", Options(inferRows: 1)));

        Assert.StartsWith("line 2 is not valid JSON (at byte offset 5 of the line): '}' ", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("[1,2]", "an array")]
    [InlineData("\"s\"", "a string")]
    [InlineData("3", "a number")]
    [InlineData("null", "null")]
    public void Infer_LineNotAnObject_FailsNamingTheLineAndWhatItIs(string bad, string kind)
    {
        var error = Assert.Throws<TextDataException>(() => Infer("{\"a\":1}\n" + bad + "\n"));

        Assert.StartsWith($"line 2: a JSON Lines row must be an object, not {kind}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Read_InvalidUtf8InAString_FailsNamingTheLineAndUtf8(byte[] bad)
    {
        var bytes = Concat("{\"s\":\"ok\",\"j\":{}}\n{\"s\":\"a"u8, bad, "b\",\"j\":{}}\n"u8);

        var error = Assert.Throws<TextDataException>(() => ReadBytes(bytes));

        Assert.StartsWith("line 2 is not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8InAJsonColumnValue_Fails()
    {
        var bytes = Concat("{\"j\":{\"k\":1}}\n{\"j\":{\"k\":\""u8, [0xFE], "\"}}\n"u8);

        var error = Assert.Throws<TextDataException>(() => ReadBytes(bytes));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"price\":1.5}", "{\"price\":\"n/a\"}", "line 3, column \"price\": \"n/a\" is not a float64")]
    [InlineData("{\"n\":1}", "{\"n\":1.5}", "line 3, column \"n\": 1.5 is not an int64")]
    [InlineData("{\"n\":1}", "{\"n\":1e400}", "line 3, column \"n\": 1e400 is not an int64")]
    [InlineData("{\"f\":1.5}", "{\"f\":1e400}", "line 3, column \"f\": 1e400 is not a float64")]
    [InlineData("{\"b\":true}", "{\"b\":\"true\"}", "line 3, column \"b\": \"true\" is not a bool")]
    [InlineData("{\"d\":\"2024-01-02\"}", "{\"d\":\"2024-02-30\"}", "line 3, column \"d\": \"2024-02-30\" is not a date")]
    [InlineData("{\"d\":\"2024-01-02\"}", "{\"d\":20240102}", "line 3, column \"d\": 20240102 is not a date")]
    [InlineData("{\"t\":\"2024-01-02T00:00Z\"}", "{\"t\":\"noon\"}", "line 3, column \"t\": \"noon\" is not a timestamp")]
    [InlineData("{\"s\":\"x\"}", "{\"s\":{\"a\":[1]}}", "line 3, column \"s\": {\"a\":[1]} is not a string")]
    [InlineData("{\"s\":\"x\"}", "{\"s\":[]}", "line 3, column \"s\": [] is not a string")]
    public void Read_ValueNotOfItsColumnAfterInference_FailsNamingLineColumnAndValue(string first, string bad, string message)
    {
        var error = Assert.Throws<TextDataException>(() => Read(first + "\n\n" + bad + "\n", Options(inferRows: 1)));

        Assert.Equal(message, error.Message);
        Assert.Equal(3, error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void Read_LongBadValue_ShownCutShort()
    {
        var bad = "{\"n\":\"" + new string('é', 500) + "\"}";

        var error = Assert.Throws<TextDataException>(() => Read("{\"n\":1}\n" + bad + "\n", Options(inferRows: 1)));

        Assert.StartsWith("line 2, column \"n\": \"ééé", error.Message, StringComparison.Ordinal);
        Assert.Contains("…", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 120, error.Message);
        Assert.DoesNotContain('\uFFFD', error.Message);
    }

    [Fact]
    public void Read_LoneSurrogateEscape_FailsInAStringColumnAndIsKeptInAJsonColumn()
    {
        var inString = Assert.Throws<TextDataException>(() => Read("{\"s\":\"x\"}\n{\"s\":\"a\\ud800\"}\n", Options(inferRows: 1)));
        var inJson = Read("{\"j\":[]}\n{\"j\":\"a\\ud800\"}\n", Options(inferRows: 1));

        Assert.StartsWith("line 2, column \"s\": \"a\\ud800\" escapes a lone UTF-16 surrogate", inString.Message, StringComparison.Ordinal);
        Assert.Equal(["[]", "\"a\\ud800\""], Column(inJson, "j"));
    }

    [Fact]
    public void Read_EmptySchemaButTheObjectHasRows_Fails()
    {
        var format = new JsonLinesFormat(Options());
        var schema = Infer("\n").Schema;

        var none = format.Read(Utf8("\n\n"), schema, 10, CancellationToken.None).ToList();

        Assert.Empty(none);
        Assert.Throws<InvalidOperationException>(() => format.Read(Utf8("{}\n"), schema, 10, CancellationToken.None).ToList());
    }

    private static List<Apache.Arrow.RecordBatch> ReadBytes(byte[] bytes)
    {
        var format = new JsonLinesFormat(Options(inferRows: 1));
        var schema = format.Infer(new MemoryStream(bytes), CancellationToken.None).Schema;
        return format.Read(new MemoryStream(bytes), schema, 100, CancellationToken.None).ToList();
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) => [.. a, .. b, .. c];
}
