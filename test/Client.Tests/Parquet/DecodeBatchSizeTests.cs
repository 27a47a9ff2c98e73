using CqSourceS3.Client.Parquet;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class DecodeBatchSizeTests
{
    [Theory]
    [InlineData(2_000_000, 150_000_000, DecodeBatchSize.MaxRows)] // 75 bytes a row: the row cap applies
    [InlineData(1_000, 1_000L * 1024 * 1024, 16)] // 1 MiB a row: 16 rows make the 16 MiB target
    [InlineData(100, 100L * 64 * 1024 * 1024, DecodeBatchSize.MinRows)] // 64 MiB a row: never below the floor
    [InlineData(1_000_000, 1_000L * 1_000_000, 16_777)] // 1,000 bytes a row
    [InlineData(0, 1_000, DecodeBatchSize.MaxRows)] // a footer with no row count says nothing about width
    [InlineData(1_000, 0, DecodeBatchSize.MaxRows)] // nor does one without sizes
    public void RowsFor_RowWidthFromFooter_AimsAtTargetBytesWithinBounds(long rows, long bytes, int expected)
    {
        Assert.Equal(expected, DecodeBatchSize.RowsFor(rows, bytes));
    }
}
