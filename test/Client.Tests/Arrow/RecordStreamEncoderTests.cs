using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Arrow;

public sealed class RecordStreamEncoderTests
{
    [Fact]
    public void Encode_ManySlicesOfOneSchema_SameBytesAsEncodingEachAlone()
    {
        using var batch = TestBatches.Mixed(1000);
        using var encoder = new RecordStreamEncoder(batch.Schema);

        // Slices of different lengths and offsets: null bitmaps, offsets and children start mid-buffer.
        foreach (var (offset, length) in new[] { (0, 100), (100, 1), (101, 333), (434, 566), (0, 1000) })
        {
            using var slice = batch.SliceShared(offset, length);

            using var encoded = encoder.Encode(slice);

            Assert.Equal(ArrowIpc.EncodeBatch(slice), encoded.Bytes.ToArray());
        }
    }

    [Fact]
    public void Encode_CloudQueryRecord_DecodesToOneBatchWithItsRowsAndSchemaMetadata()
    {
        using var fileBatch = TestBatches.Mixed(50);
        var table = CqTableSchema.Create("orders", fileBatch.Schema);
        using var record = new CqRecordBuilder(table, CqIdGenerator.Random).Build(fileBatch, 0);
        using var encoder = new RecordStreamEncoder(table.Schema);

        encoder.Encode(record).Dispose();
        using var bytes = encoder.Encode(record);

        var decoded = Assert.Single(ArrowIpc.DecodeBatches(bytes.Bytes));
        using (decoded)
        {
            Assert.Equal(50, decoded.Length);
            Assert.Equal(table.Schema.Metadata.ToList(), decoded.Schema.Metadata.ToList());
            var names = (StringArray)decoded.Column(decoded.Schema.GetFieldIndex("name"));
            var expected = (StringArray)fileBatch.Column(fileBatch.Schema.GetFieldIndex("name"));
            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(expected.GetString(i), names.GetString(i));
            }
        }
    }

    [Fact]
    public void Encode_BatchOfAnotherSchema_Throws()
    {
        using var batch = TestBatches.Mixed(3);
        using var other = TestBatches.Mixed(3);
        using var encoder = new RecordStreamEncoder(batch.Schema);

        Assert.Throws<ArgumentException>(() => encoder.Encode(other));
    }

    [Fact]
    public void Encode_RecordAbovePoolLimit_StillWholeStream()
    {
        // Two rows in three carry a 200-character name: ~1.6 MB, above the 1 MiB that is encoded into pooled arrays.
        using var batch = TestBatches.Mixed(10_000, textWidth: 200);
        using var encoder = new RecordStreamEncoder(batch.Schema);

        using var encoded = encoder.Encode(batch);

        Assert.True(encoded.Bytes.Length > EncodedRecord.MaxPooledBytes, $"only {encoded.Bytes.Length} bytes");
        Assert.Equal(ArrowIpc.EncodeBatch(batch), encoded.Bytes.ToArray());
    }

    [Fact]
    public void Dispose_Twice_BytesNoLongerReadable()
    {
        using var batch = TestBatches.Mixed(10);
        using var encoder = new RecordStreamEncoder(batch.Schema);
        var encoded = encoder.Encode(batch);

        encoded.Dispose();
        encoded.Dispose();

        // The array went back to the pool: reading it now could see another record's bytes.
        Assert.Throws<ObjectDisposedException>(() => encoded.Bytes);
    }
}
