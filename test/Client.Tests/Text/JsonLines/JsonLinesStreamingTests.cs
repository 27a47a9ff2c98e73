using System.Globalization;
using System.Text;
using Apache.Arrow;
using CqSourceS3.Client.Text.JsonLines;
using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesStreamingTests
{
    // BOM, CRLF, blank lines, escapes, a key after the inference window and no final newline: everything a split
    // read could get wrong.
    private const string Awkward = "\uFEFF{\"id\":1,\"s\":\"caf\\u00e9\",\"o\":{\"k\":[1,2]}}\r\n\r\n"
        + "  \n{\"id\":2,\"s\":\"😀\",\"o\":null,\"late\":{\"x\":\"y\"}}\n{\"s\":\"tail\",\"id\":3}";

    [Fact]
    public void Read_MoreRowsThanMaxRowsPerBatch_BatchesOfAtMostThatManyWithEveryValueInOrder()
    {
        var text = string.Concat(Enumerable.Range(0, 25).Select(i => $"{{\"i\":{i}}}\n"));

        var batches = Read(text, maxRowsPerBatch: 10);

        Assert.Equal([10, 10, 5], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"{i}"), Column(batches, "i"));
    }

    [Fact]
    public void Read_RowsAMultipleOfMaxRowsPerBatch_NoEmptyBatch()
    {
        var text = string.Concat(Enumerable.Range(0, 20).Select(i => $"{{\"i\":{i}}}\n"));

        var batches = Read(text, maxRowsPerBatch: 10);

        Assert.Equal([10, 10], batches.Select(b => b.Length));
    }

    [Fact]
    public void Read_200kGeneratedLines_EveryRowWithCorrectTotals()
    {
        const int lines = 200_000;
        var format = new JsonLinesFormat(Options());
        var schema = format.Infer(Generated(lines), CancellationToken.None).Schema;

        long rows = 0, idSum = 0, trues = 0, extras = 0;
        double halfSum = 0;
        foreach (var batch in format.Read(Generated(lines), schema, 8192, CancellationToken.None))
        {
            Assert.True(batch.Length <= 8192);
            rows += batch.Length;
            var ids = (Int64Array)batch.Column("id");
            var halves = (DoubleArray)batch.Column("half");
            var flags = (BooleanArray)batch.Column("even");
            var extra = batch.Column("_extra");
            for (var i = 0; i < batch.Length; i++)
            {
                idSum += ids.GetValue(i)!.Value;
                halfSum += halves.GetValue(i)!.Value;
                trues += flags.GetValue(i)!.Value ? 1 : 0;
                extras += extra.IsNull(i) ? 0 : 1;
            }
        }

        Assert.Equal(lines, rows);
        Assert.Equal((long)lines * (lines - 1) / 2, idSum);
        Assert.Equal((double)lines * (lines - 1) / 4, halfSum);
        Assert.Equal(lines / 2, trues);
        Assert.Equal(lines / 1000 - 1, extras);
    }

    [Fact]
    public void Infer_HugeObject_ReadsOnlyAPrefix()
    {
        var stream = Generated(long.MaxValue);

        var inference = new JsonLinesFormat(Options(inferRows: 1000)).Infer(stream, CancellationToken.None);

        Assert.Equal(1000, inference.RowsRead);
        Assert.False(inference.ReachedEnd);
        Assert.Equal("id:int64, half:float64, even:bool, name:string, _extra:json", Describe(inference.Schema));
        Assert.True(stream.BytesRead < 1024 * 1024, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Read_OneBytePerRead_SameAsWholeReads()
    {
        var options = Options(inferRows: 1);
        var format = new JsonLinesFormat(options);
        var whole = format.Infer(Utf8(Awkward), CancellationToken.None);
        var trickled = format.Infer(new OneByteStream(Utf8(Awkward)), CancellationToken.None);

        var expected = Render(format.Read(Utf8(Awkward), whole.Schema, 2, CancellationToken.None));
        var actual = Render(format.Read(new OneByteStream(Utf8(Awkward)), trickled.Schema, 2, CancellationToken.None));

        Assert.Equal(Describe(whole.Schema), Describe(trickled.Schema));
        Assert.Equal((whole.RowsRead, whole.ReachedEnd), (trickled.RowsRead, trickled.ReachedEnd));
        Assert.Equal(expected, actual);
        Assert.Equal(
            [
                "1|café|{\"k\":[1,2]}|",
                "2|😀||{\"late\":{\"x\":\"y\"}}",
                "3|tail||",
            ],
            expected);
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsARow()
    {
        var batches = Read("{\"a\":1}\n{\"a\":2}");

        Assert.Equal(["1", "2"], Column(batches, "a"));
    }

    [Fact]
    public void Read_CrLfLineEnds_Stripped()
    {
        var batches = Read("{\"s\":\"a\"}\r\n{\"s\":\"b\"}\r\n");

        Assert.Equal(["a", "b"], Column(batches, "s"));
    }

    [Fact]
    public void Read_BlankLines_SkippedButCountedInLineNumbers()
    {
        const string text = "\n{\"n\":1}\n   \n\t\r\n{\"n\":2}\n\n{\"n\":\"x\"}\n";

        var good = Read(text[..text.LastIndexOf("{\"n\":\"x\"}", StringComparison.Ordinal)]);
        var error = Assert.Throws<Client.Text.TextDataException>(() => Read(text, Options(inferRows: 2)));

        Assert.Equal(["1", "2"], Column(good, "n"));
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void Read_ByteOrderMark_Skipped()
    {
        var batches = Read("\uFEFF{\"a\":1}\n");

        Assert.Equal(["a", "_extra"], batches[0].Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(["1"], Column(batches, "a"));
    }

    [Fact]
    public void Read_CancelledBeforeStart_Throws()
    {
        var format = new JsonLinesFormat(Options());
        var schema = format.Infer(Generated(10), CancellationToken.None).Schema;
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => format.Read(Generated(10), schema, 5, cancellation.Token).ToList());
        Assert.ThrowsAny<OperationCanceledException>(() => format.Infer(Generated(10), cancellation.Token));
    }

    [Fact]
    public void Read_CancelledBetweenBatches_StopsBeforeTheNext()
    {
        var format = new JsonLinesFormat(Options());
        var schema = format.Infer(Generated(10), CancellationToken.None).Schema;
        using var cancellation = new CancellationTokenSource();
        using var batches = format.Read(Generated(long.MaxValue), schema, 5, cancellation.Token).GetEnumerator();

        Assert.True(batches.MoveNext());
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => batches.MoveNext());
    }

    // Every thousandth line but the first has a key the first thousand lines (the inference window) lack.
    private static GeneratedTextStream Generated(long lines) => new(
        i => string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"id\":{i},\"half\":{i / 2.0:R},\"even\":{(i % 2 == 0 ? "true" : "false")},\"name\":\"n{i}\"{(i > 0 && i % 1000 == 0 ? ",\"late\":[1]" : "")}}}"),
        lines);

    private static List<string> Render(IEnumerable<RecordBatch> batches) =>
        batches.SelectMany(batch => Enumerable.Range(0, batch.Length)
            .Select(row => string.Join("|", batch.Arrays.Select(array => Cell(array, row) ?? ""))))
            .ToList();
}
