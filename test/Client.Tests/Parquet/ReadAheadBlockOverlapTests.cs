using CqSourceS3.Client.Parquet;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// Row groups smaller than the read-ahead block: the block fetched for the first row group already holds the next
/// ones, so a read-ahead of them fetches those bytes a second time.
/// </summary>
public sealed class ReadAheadBlockOverlapTests
{
    [Fact]
    public void ReadAheadNextRowGroup_BlockAlreadyHoldsTheNextRowGroup_FetchesNoByteTwice()
    {
        // Magic, three row groups of 5000 bytes, a footer; a 16 KiB block, as the plugin's 4 MiB one against small row groups.
        var store = new RecordingRangeStore(RecordingRangeStore.Pattern(4 + 3 * 5_000 + 600));
        var budget = new ReadAheadBudget(1024 * 1024);
        using var stream = new RangedObjectStream(store, store.Object, 16 * 1024, CancellationToken.None);

        for (var rowGroup = 0; rowGroup < 3; rowGroup++)
        {
            stream.BeginRowGroup();
            stream.Position = 4 + rowGroup * 5_000;
            var buffer = new byte[5_000];
            stream.ReadExactly(buffer);
            Assert.Equal(store.Slice(4 + rowGroup * 5_000, 5_000), buffer);
            if (rowGroup < 2)
            {
                stream.ReadAheadNextRowGroup(budget);
            }
        }

        var requests = store.Requests.OrderBy(r => r.Offset).ToList();
        Assert.All(requests.Zip(requests.Skip(1)), pair => Assert.True(
            pair.First.Offset + pair.First.Length <= pair.Second.Offset, $"{pair.First} and {pair.Second} overlap"));
    }

    [Fact]
    public async Task ReadAsync_DefaultBlockAndRowGroupsSmallerThanIt_FetchesAboutTheObjectOnce()
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 5000 }.Add(SampleBatches.AllTypes(0, 30_000)).ToBytes();
        var store = new RecordingRangeStore(bytes, "six.parquet");

        long rows = 0;
        await foreach (var batch in new ParquetBatchReader(ParquetReadOptions.Default).ReadAsync(store, store.Object, 500, CancellationToken.None))
        {
            rows += batch.Length;
            batch.Dispose();
        }

        Assert.Equal(30_000, rows);
        // The magic and the footer window, then the whole object (it fits the 4 MiB block) once.
        Assert.InRange(store.BytesRequested, bytes.Length, 4 + ParquetReadOptions.FooterWindowBytes + bytes.Length + bytes.Length / 100);
    }
}
