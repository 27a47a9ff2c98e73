using System.Globalization;
using System.Text;
using CqSourceS3.Client.Text.JsonLines;
using static CqSourceS3.Client.Tests.Text.JsonLines.JsonLinesTestData;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class JsonLinesAllocationTests
{
    // Counts this thread's allocations, not time, so it holds on any machine.
    [Fact]
    public void Read_ManyRows_AllocatesLittleBeyondTheArrowBuffers()
    {
        const int rows = 100_000;
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, rows).Select(i => string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"id\":{i},\"score\":{i / 4.0:R},\"ok\":true,\"name\":\"name \\\"{i}\\\"\",\"at\":\"2024-01-02T03:04:05Z\",\"tags\":[{i}]}}\n"))));
        var format = new JsonLinesFormat(Options());
        var schema = format.Infer(new MemoryStream(bytes), CancellationToken.None).Schema;
        long read = 0;

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var batch in format.Read(new MemoryStream(bytes), schema, 8192, CancellationToken.None))
        {
            read += batch.Length;
        }

        var perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)rows;

        // The column buffers of a row take about 60 bytes, each allocated up to twice that as buffers double: about
        // 130 bytes a row in all. A string per value or key, or a parsed document per line, would add hundreds.
        Assert.Equal(rows, read);
        Assert.True(perRow < 200, $"{perRow:F1} bytes per row");
    }
}
