using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using static CqSourceS3.Client.Tests.Text.Csv.CsvTestData;

namespace CqSourceS3.Client.Tests.Text.Values;

/// <summary>
/// Text columns hand pooled arrays to Arrow buffers; an array must go back to the pool once, and only when the last
/// array, slice or record sharing it is disposed, or a later batch would overwrite rows still being sent.
/// </summary>
public sealed class PooledBytesTests
{
    [Fact]
    public void ToArrowBuffer_Disposed_ReturnsTheArrayOnce()
    {
        var bytes = Rent(out _);
        var buffer = PooledBytes.ToArrowBuffer(bytes);

        Assert.False(bytes.IsReturned);
        buffer.Dispose();
        Assert.True(bytes.IsReturned);
        buffer.Dispose();
        bytes.Dispose();
        Assert.True(bytes.IsReturned);
    }

    [Fact]
    public void ToArrowBuffer_Memory_IsTheWrittenBytesOnly()
    {
        var bytes = Rent(out var array);
        array[0] = 42;

        using var buffer = PooledBytes.ToArrowBuffer(bytes);

        Assert.Equal(16, buffer.Length);
        Assert.Equal(42, buffer.Span[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SharedReferences_AnyDisposalOrder_ReturnedAfterTheLast(int firstDisposed)
    {
        var bytes = Rent(out _);
        var data = new ArrayData(Int64Type.Default, 2, 0, 0, [ArrowBuffer.Empty, PooledBytes.ToArrowBuffer(bytes)]);
        var batch = new RecordBatch(new Schema.Builder().Field(f => f.Name("n").DataType(Int64Type.Default)).Build(), [new Int64Array(data)], 2);
        IDisposable[] holders = [batch, new Int64Array(data.Retain()), batch.SliceShared(1, 1)];

        holders[firstDisposed].Dispose();
        foreach (var holder in holders.Where((_, i) => i != firstDisposed).Skip(1))
        {
            holder.Dispose();
        }

        Assert.False(bytes.IsReturned);
        holders.Where((_, i) => i != firstDisposed).First().Dispose();
        Assert.True(bytes.IsReturned);
    }

    [Fact]
    public void Read_BatchesKeptWhileLaterOnesAreBuiltAndDisposed_KeepTheirValues()
    {
        // Every other batch is disposed at once, so its arrays return to the pool and are rented for the next batch;
        // the kept batches must not see those writes, also when collections run in between.
        var csv = "id,label,amount,flag\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},r{i},{i / 4.0},{(i % 3 == 0 ? "" : "true")}\n"));
        var format = new CsvFormat(new CsvOptions());
        var schema = format.Infer(Utf8(csv), CancellationToken.None).Schema;
        var kept = new List<RecordBatch>();
        var index = 0;
        foreach (var batch in format.Read(Utf8(csv), schema, 500, CancellationToken.None))
        {
            if (index++ % 2 == 0)
            {
                kept.Add(batch);
            }
            else
            {
                batch.Dispose();
                GC.Collect();
            }
        }

        var rows = Rows(kept);
        var expected = Enumerable.Range(0, 20_000).Where(i => i / 500 % 2 == 0)
            .Select(i => string.Join(" | ", i, $"\"r{i}\"", (i / 4.0).ToString(System.Globalization.CultureInfo.InvariantCulture), i % 3 == 0 ? "null" : "true"));
        Assert.Equal(expected, rows);
        kept.ForEach(b => b.Dispose());
    }

    private static PooledBytes Rent(out byte[] array)
    {
        array = ArrayPool<byte>.Shared.Rent(64);
        return new PooledBytes(array, 16);
    }
}
