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

            Assert.Equal(ArrowIpc.EncodeBatch(slice), encoder.Encode(slice));
        }
    }

    [Fact]
    public void Encode_CloudQueryRecord_DecodesToOneBatchWithItsRowsAndSchemaMetadata()
    {
        using var fileBatch = TestBatches.Mixed(50);
        var table = CqTableSchema.Create("orders", fileBatch.Schema);
        using var record = new CqRecordBuilder(table, CqIdGenerator.Random).Build(fileBatch, 0);
        using var encoder = new RecordStreamEncoder(table.Schema);

        encoder.Encode(record);
        var bytes = encoder.Encode(record);

        var decoded = Assert.Single(ArrowIpc.DecodeBatches(bytes));
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
}
