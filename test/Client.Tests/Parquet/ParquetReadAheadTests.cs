using CqSourceS3.Client.Parquet;
using CqSourceS3.Tests.Shared;
using ParquetSharp;

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// Row-group read-ahead end to end: a real multi-row-group Parquet file read through <see cref="ParquetBatchReader"/>
/// over a store that records every ranged request.
/// </summary>
public sealed class ParquetReadAheadTests
{
    private const int RowGroups = 6;
    private const int RowsPerGroup = 5000;
    private const int MaxRowsPerBatch = 500;

    /// <summary>
    /// Smaller than a row group (about 270 KB here), as the plugin's 4 MiB block is against a typical writer's row
    /// groups: each row group's pre-buffered read is fetched as asked, not through the block.
    /// </summary>
    private const int Block = 64 * 1024;

    /// <summary>How long a test waits for something a working reader does at once: a hang guard, not a measurement.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_SixRowGroups_EveryValueComesBackAndEachByteIsFetchedOnce(bool gcPressure)
    {
        var bytes = new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = RowsPerGroup }
            .Add(SampleBatches.AllTypes(0, RowGroups * RowsPerGroup)).ToBytes();
        var spans = RowGroupSpans(bytes);
        var store = new RecordingRangeStore(bytes, "six.parquet");
        var requested = spans.ToDictionary(s => s.Start, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        store.OnRequest = (request, _) =>
        {
            if (requested.TryGetValue(request.Offset, out var signal))
            {
                signal.TrySetResult();
            }

            return Task.CompletedTask;
        };

        var rows = new List<string>();
        await foreach (var batch in new ParquetBatchReader(new ParquetReadOptions(Block, HangGuard)).ReadAsync(store, store.Object, MaxRowsPerBatch, CancellationToken.None))
        {
            using (batch)
            {
                Assert.InRange(batch.Length, 1, MaxRowsPerBatch);
                var rowGroup = rows.Count / RowsPerGroup;
                if (rows.Count % RowsPerGroup == 0 && rowGroup + 1 < RowGroups)
                {
                    // While this row group's first batch is still here (the decoder is at most two batches further
                    // on, within this row group), the next row group has been asked for: by the read-ahead.
                    await requested[spans[rowGroup + 1].Start].Task.WaitAsync(HangGuard);
                }

                if (gcPressure)
                {
                    // Garbage and full collections while slots fill, pooled arrays circulate and the decoder calls back.
                    for (var i = 0; i < 8; i++)
                    {
                        GC.KeepAlive(new byte[128 * 1024]);
                    }

                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                }

                rows.AddRange(ArrowValueFormatter.Rows(batch));
            }
        }

        Assert.Equal(SampleBatches.AllTypesRows(0, RowGroups * RowsPerGroup), rows);

        // The magic, then the footer window, then the row groups' data, each byte of which is fetched once, give or
        // take the few bytes by which a row group's size differs from the one before it.
        var window = Math.Min(bytes.Length, Math.Min(ParquetReadOptions.FooterWindowBytes, Block));
        var requests = store.Requests;
        Assert.Equal(new RangeRead(store.Object.Key, 0, 4), requests[0]);
        Assert.Equal(new RangeRead(store.Object.Key, bytes.Length - window, window), requests[1]);
        var data = spans[^1].End - spans[0].Start;
        var fetched = requests.Skip(2).Sum(r => r.Length);
        Assert.InRange(fetched, data, data + data / 100);
        var covered = spans[0].Start;
        foreach (var request in requests.Skip(2).OrderBy(r => r.Offset))
        {
            Assert.True(request.Offset <= covered, $"bytes {covered} to {request.Offset} were never fetched");
            covered = Math.Max(covered, request.Offset + request.Length);
        }

        Assert.True(covered >= spans[^1].End, $"the data ends at {spans[^1].End} but the fetches at {covered}");
    }

    /// <summary>Where each row group's column chunks lie: one after another from the leading magic.</summary>
    private static List<(long Start, long End)> RowGroupSpans(byte[] bytes)
    {
        using var reader = new ParquetFileReader(new MemoryStream(bytes), leaveOpen: false);
        using var metadata = reader.FileMetaData;
        var spans = new List<(long Start, long End)>();
        long start = 4;
        for (var r = 0; r < metadata.NumRowGroups; r++)
        {
            using var rowGroup = reader.RowGroup(r);
            long length = 0;
            for (var c = 0; c < rowGroup.MetaData.NumColumns; c++)
            {
                using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(c);
                length += chunk.TotalCompressedSize;
            }

            spans.Add((start, start + length));
            start += length;
        }

        // The column chunks end before the footer (the writer puts its page indexes in between, which nothing here reads);
        // the footer's length and the closing magic are the last 8 bytes.
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        Assert.InRange(start, bytes.Length / 2, bytes.Length - 8 - footerLength);
        Assert.Equal(RowGroups, spans.Count);
        return spans;
    }
}
