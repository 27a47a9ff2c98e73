using System.Globalization;
using Apache.Arrow;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using static CqSourceS3.Client.Tests.Text.Csv.CsvTestData;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class CsvFormatStreamingTests
{
    [Fact]
    public void Read_MoreRowsThanABatch_SplitsAtTheMostWithContinuousValues()
    {
        var csv = "id,label\n" + string.Concat(Enumerable.Range(0, 2500).Select(i => $"{i},\"r{i}\"\n"));

        var batches = Read(csv, maxRowsPerBatch: 1000);

        Assert.Equal([1000, 1000, 500], batches.Select(b => b.Length));
        var ids = batches.SelectMany(b => Values((Int64Array)b.Column(0)));
        var labels = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((StringArray)b.Column(1)).GetString(i)));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), ids);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => $"r{i}"), labels);
    }

    [Fact]
    public void Read_RowsFillingTheLastBatch_NoEmptyBatchAfter()
    {
        var batches = Read("n\n1\n2\n3\n4\n", maxRowsPerBatch: 2);

        Assert.Equal([2, 2], batches.Select(b => b.Length));
    }

    [Fact]
    public void Read_BigGeneratedObject_BoundedBatchesWithCorrectSums()
    {
        const long Rows = 200_000;
        var format = new CsvFormat(new CsvOptions());
        var schema = format.Infer(BigObject(Rows), CancellationToken.None).Schema;
        long count = 0, idSum = 0, nulls = 0, batches = 0;
        double amountSum = 0;

        foreach (var batch in format.Read(BigObject(Rows), schema, 8192, CancellationToken.None))
        {
            Assert.InRange(batch.Length, 1, 8192);
            batches++;
            count += batch.Length;
            idSum += Values((Int64Array)batch.Column(0)).Sum();
            var amounts = (DoubleArray)batch.Column(1);
            nulls += amounts.NullCount;
            amountSum += Enumerable.Range(0, amounts.Length).Sum(i => amounts.GetValue(i) ?? 0);
        }

        Assert.Equal(["int64", "float64", "string"], Types(schema));
        Assert.Equal(Rows, count);
        Assert.Equal(25, batches);
        Assert.Equal(Rows * (Rows - 1) / 2, idSum);
        Assert.Equal(Rows / 7 + 1, nulls);
        var expected = Enumerable.Range(0, (int)Rows).Where(i => i % 7 != 0).Sum(i => i / 4.0);
        Assert.Equal(expected, amountSum, 6);
    }

    [Fact]
    public void Read_ManyRows_AllocatesLittleBeyondTheArrowBuffers()
    {
        const int Rows = 100_000;
        var buffered = new MemoryStream();
        new GeneratedTextStream(i => $"{i},\"l{i % 10}\"", Rows, header: "id,label").CopyTo(buffered);
        var format = new CsvFormat(new CsvOptions());
        var schema = format.Infer(new MemoryStream(buffered.ToArray()), CancellationToken.None).Schema;
        var source = new MemoryStream(buffered.ToArray());
        long rows = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var batch in format.Read(source, schema, 10_000, CancellationToken.None))
        {
            rows += batch.Length;
        }

        var perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Rows;

        // The arrays hold 14 bytes a row (int64, two UTF-8 bytes, an offset); a string per field alone would add 50.
        Assert.Equal(Rows, rows);
        Assert.True(perRow < 40, $"{perRow:F1} bytes allocated per row");
    }

    [Fact]
    public void Infer_FiftyMegabyteObject_ReadsLessThanAMegabyte()
    {
        var stream = new GeneratedTextStream(i => $"{i},name-{i:D16}", 2_000_000, header: "id,name", readLimit: 1024 * 1024);

        var inference = new CsvFormat(new CsvOptions { InferRows = 1000 }).Infer(stream, CancellationToken.None);

        Assert.Equal(1000, inference.RowsRead);
        Assert.False(inference.ReachedEnd);
        Assert.InRange(stream.BytesRead, 1, 1024 * 1024);
    }

    [Fact]
    public void Infer_CutOffRecordAfterTheWindow_DoesNotMatter()
    {
        byte[] window = [.. "a,b\n1,2\n3,4\n5,\"unfinished"u8, 0xE2, 0x82];

        var inference = new CsvFormat(new CsvOptions { InferRows = 2 }).Infer(new MemoryStream(window), CancellationToken.None);

        Assert.Equal(["int64", "int64"], Types(inference.Schema));
        Assert.Equal(2, inference.RowsRead);
        Assert.False(inference.ReachedEnd);
    }

    [Fact]
    public void Read_CancelledAfterTheFirstBatch_StopsWithCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var format = new CsvFormat(new CsvOptions());
        var schema = format.Infer(BigObject(10_000), CancellationToken.None).Schema;
        using var batches = format.Read(BigObject(10_000), schema, 100, cancellation.Token).GetEnumerator();

        Assert.True(batches.MoveNext());
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => batches.MoveNext());
    }

    [Fact]
    public void Infer_Cancelled_StopsWithCancellation()
    {
        var format = new CsvFormat(new CsvOptions());

        Assert.ThrowsAny<OperationCanceledException>(() => format.Infer(BigObject(100), new CancellationToken(canceled: true)));
    }

    // id, amount (id / 4, null every seventh row), label.
    private static GeneratedTextStream BigObject(long rows) =>
        new(
            i => i % 7 == 0
                ? $"{i},,\"label {i}, quoted\""
                : string.Create(CultureInfo.InvariantCulture, $"{i},{i / 4.0},plain{i}"),
            rows,
            header: "id,amount,label");

    private static IEnumerable<long> Values(Int64Array array) => Enumerable.Range(0, array.Length).Select(i => array.GetValue(i)!.Value);
}
