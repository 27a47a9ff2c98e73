using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Arrow;

namespace CqSourceS3.Client.Tests.Arrow;

public sealed class RecordBatchSlicerTests
{
    // Schema message and record batch header of a TestBatches.Mixed record: well under this.
    private const int IpcOverhead = 4096;

    [Fact]
    public void Slice_RowCap_CutsInOrderAndKeepsEveryValue()
    {
        using var batch = TestBatches.Mixed(100);

        var slices = RecordBatchSlicer.Slice(batch, maxRows: 30).ToList();

        Assert.Equal([30, 30, 30, 10], slices.Select(s => s.Length));
        Assert.Equal(TestBatches.DescribeAll(batch), slices.SelectMany(TestBatches.DescribeAll));
        slices.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Slice_ByteCap_EverySliceEncodesWithinTheCap()
    {
        using var batch = TestBatches.Mixed(400, textWidth: 1000);
        const long cap = 20_000;

        var slices = RecordBatchSlicer.Slice(batch, maxRows: 1000, maxBytes: cap).ToList();

        Assert.True(slices.Count > 10);
        Assert.All(slices, s => Assert.True(ArrowSizeEstimator.Estimate(s, 0, s.Length) <= cap));
        Assert.All(slices, s => Assert.True(ArrowIpc.EncodeBatch(s).Length <= cap + IpcOverhead));
        Assert.Equal(TestBatches.DescribeAll(batch), slices.SelectMany(TestBatches.DescribeAll));
        // Greedy: each slice but the last stops only where one more row would not fit.
        var start = 0;
        foreach (var slice in slices.SkipLast(1))
        {
            Assert.True(ArrowSizeEstimator.Estimate(batch, start, slice.Length + 1) > cap);
            start += slice.Length;
        }

        slices.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Slice_ListColumnWithGrowingRows_ByteCapFollowsTheListChildren()
    {
        // Row i holds i * 50 int32 values, so later rows are far bigger than earlier ones.
        using var batch = GrowingLists(rows: 60, itemsPerRow: 50);
        const long cap = 40_000;

        var slices = RecordBatchSlicer.Slice(batch, maxRows: 1000, maxBytes: cap).ToList();

        var sizes = slices.Select(s => s.Length).ToList();
        Assert.True(sizes[0] > sizes[^1], $"slices {string.Join(',', sizes)} should shrink as rows grow");
        Assert.All(slices, s => Assert.True(ArrowIpc.EncodeBatch(s).Length <= cap + IpcOverhead));
        Assert.Equal(ListTotals(batch), slices.SelectMany(ListTotals));
        slices.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Slice_RowLargerThanCap_GoesOutAlone()
    {
        using var batch = TestBatches.Mixed(5, textWidth: 5000);

        var slices = RecordBatchSlicer.Slice(batch, maxRows: 100, maxBytes: 1000).ToList();

        Assert.Equal([1, 1, 1, 1, 1], slices.Select(s => s.Length));
        Assert.Equal(TestBatches.DescribeAll(batch), slices.SelectMany(TestBatches.DescribeAll));
        slices.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Slice_AlreadySlicedBatch_CutsRelativeToTheSlice()
    {
        using var batch = TestBatches.Mixed(50, textWidth: 200);
        using var window = batch.SliceShared(17, 25);

        var slices = RecordBatchSlicer.Slice(window, maxRows: 7, maxBytes: 2_000).ToList();

        Assert.Equal(TestBatches.DescribeAll(window), slices.SelectMany(TestBatches.DescribeAll));
        Assert.All(slices, s => Assert.True(s.Length <= 7));
        slices.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Slice_EmptyBatch_YieldsNothing()
    {
        using var batch = TestBatches.Mixed(0);

        Assert.Empty(RecordBatchSlicer.Slice(batch, maxRows: 10));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(-1, 10)]
    public void Slice_NonPositiveLimits_Throw(int maxRows, long maxBytes)
    {
        using var batch = TestBatches.Mixed(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => RecordBatchSlicer.Slice(batch, maxRows, maxBytes));
    }

    [Fact]
    public void Estimate_WholeBatch_IsCloseBelowTheEncodedSize()
    {
        using var batch = TestBatches.Mixed(1000, textWidth: 50);

        var estimate = ArrowSizeEstimator.Estimate(batch, 0, batch.Length);
        var encoded = ArrowIpc.EncodeBatch(batch).Length;

        Assert.InRange(encoded - estimate, 0, IpcOverhead);
    }

    private static RecordBatch GrowingLists(int rows, int itemsPerRow)
    {
        var offsets = new ArrowBuffer.Builder<int>().Append(0);
        var values = new Int32Array.Builder();
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < i * itemsPerRow; j++)
            {
                values.Append(j);
            }

            offsets.Append(values.Length);
        }

        var lists = new ListArray(TestBatches.ListOfInt32, rows, offsets.Build(), values.Build(), ArrowBuffer.Empty, 0);
        var schema = new Schema([new Field("values", TestBatches.ListOfInt32, true)], null);
        return new RecordBatch(schema, [lists], rows);
    }

    private static IEnumerable<long> ListTotals(RecordBatch batch)
    {
        var lists = (ListArray)batch.Column(0);
        return Enumerable.Range(0, batch.Length).Select(row =>
        {
            var items = (Int32Array)lists.GetSlicedValues(row);
            return items.Values.ToArray().Sum(v => (long)v) + (items.Length * 1_000_000L);
        }).ToList();
    }
}
