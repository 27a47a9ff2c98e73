using System.Text;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Arrow;

public sealed class ArrowIpcTests
{
    private static readonly byte[] EndOfStream = [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00];

    [Fact]
    public void EncodeSchema_CloudQueryTable_MetadataRoundTripsExactlyAndInOrder()
    {
        var table = CqTableSchema.Create("orders", TestBatches.Mixed(1).Schema);

        var decoded = ArrowIpc.DecodeSchema(ArrowIpc.EncodeSchema(table.Schema));

        Assert.Equal(table.Schema.Metadata.ToList(), decoded.Metadata.ToList());
        Assert.Equal(table.Schema.FieldsList.Count, decoded.FieldsList.Count);
        for (var i = 0; i < decoded.FieldsList.Count; i++)
        {
            var expected = table.Schema.FieldsList[i];
            var actual = decoded.FieldsList[i];
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.IsNullable, actual.IsNullable);
            Assert.Equal(expected.DataType.TypeId, actual.DataType.TypeId);
            Assert.Equal(expected.Metadata.ToList(), actual.Metadata.ToList());
        }
    }

    [Fact]
    public void EncodeSchema_UuidField_KeepsExtensionKeysOnPlainFixedSizeBinary()
    {
        var field = new Field("_cq_id", new FixedSizeBinaryType(16), false,
            [new(CqMetadata.ExtensionName, "uuid"), new(CqMetadata.ExtensionMetadata, "uuid-serialized")]);

        var bytes = ArrowIpc.EncodeSchema(new Schema([field], null));
        var decoded = ArrowIpc.DecodeSchema(bytes).FieldsList[0];

        var type = Assert.IsType<FixedSizeBinaryType>(decoded.DataType);
        Assert.Equal(16, type.ByteWidth);
        Assert.Equal("uuid", decoded.Metadata[CqMetadata.ExtensionName]);
        Assert.Equal("uuid-serialized", decoded.Metadata[CqMetadata.ExtensionMetadata]);
        Assert.Equal(2, decoded.Metadata.Count);
        // The exact key and value bytes are on the wire, not a renamed or re-serialized form.
        Assert.True(Contains(bytes, "ARROW:extension:name"u8));
        Assert.True(Contains(bytes, "uuid-serialized"u8));
    }

    [Fact]
    public void EncodeSchema_Any_StartsWithContinuationAndEndsWithEndOfStreamMarker()
    {
        var bytes = ArrowIpc.EncodeSchema(TestBatches.Mixed(1).Schema);

        Assert.Equal(EndOfStream, bytes[^8..]);
        Assert.Equal(EndOfStream[..4], bytes[..4]);
        Assert.Equal(0, bytes.Length % 8);
    }

    [Fact]
    public void EncodeSchema_Any_HoldsNoRecordBatch()
    {
        var bytes = ArrowIpc.EncodeSchema(TestBatches.Mixed(1).Schema);

        Assert.Empty(ArrowIpc.DecodeBatches(bytes));
    }

    [Fact]
    public void EncodeBatch_MixedColumns_DecodesToOneBatchWithSameValues()
    {
        using var batch = TestBatches.Mixed(50);

        var bytes = ArrowIpc.EncodeBatch(batch);
        var decoded = ArrowIpc.DecodeBatches(bytes);

        var single = Assert.Single(decoded);
        using (single)
        {
            Assert.Equal(TestBatches.DescribeAll(batch), TestBatches.DescribeAll(single));
            Assert.Equal(EndOfStream, bytes[^8..]);
        }
    }

    [Fact]
    public void EncodeBatch_CloudQueryRecord_KeepsSchemaMetadataAndIdBytes()
    {
        var table = CqTableSchema.Create("orders", TestBatches.Mixed(1).Schema);
        using var file = TestBatches.Mixed(10);
        using var record = new CqRecordBuilder(table, CqIdGenerator.Random).Build(file, 0);

        var decoded = Assert.Single(ArrowIpc.DecodeBatches(ArrowIpc.EncodeBatch(record)));

        using (decoded)
        {
            Assert.Equal(table.Schema.Metadata.ToList(), decoded.Schema.Metadata.ToList());
            Assert.Equal(table.Schema.FieldsList[0].Metadata.ToList(), decoded.Schema.FieldsList[0].Metadata.ToList());
            var sent = (FixedSizeBinaryArray)record.Column(0);
            var received = (FixedSizeBinaryArray)decoded.Column(0);
            for (var i = 0; i < record.Length; i++)
            {
                Assert.Equal(sent.GetBytes(i).ToArray(), received.GetBytes(i).ToArray());
            }

            Assert.Equal(record.Length, decoded.Column(1).NullCount);
        }
    }

    [Fact]
    public void EncodeBatch_Slice_CarriesOnlyTheSlicedRows()
    {
        using var batch = TestBatches.Mixed(40);
        using var slice = batch.SliceShared(13, 9);

        var bytes = ArrowIpc.EncodeBatch(slice);
        var whole = ArrowIpc.EncodeBatch(batch);

        using var decoded = Assert.Single(ArrowIpc.DecodeBatches(bytes));
        Assert.Equal(TestBatches.DescribeAll(batch).Skip(13).Take(9), TestBatches.DescribeAll(decoded));
        Assert.True(bytes.Length < whole.Length);
    }

    [Fact]
    public void EncodeBatch_Repeated_ProducesIdenticalIndependentArrays()
    {
        using var batch = TestBatches.Mixed(20);

        var first = ArrowIpc.EncodeBatch(batch);
        var second = ArrowIpc.EncodeBatch(batch);

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void DecodeBatches_TwoBatchStream_ReturnsBoth()
    {
        using var batch = TestBatches.Mixed(6);
        using var stream = new MemoryStream();
        using (var writer = new Apache.Arrow.Ipc.ArrowStreamWriter(stream, batch.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        var decoded = ArrowIpc.DecodeBatches(stream.ToArray());

        Assert.Equal(2, decoded.Count);
        Assert.All(decoded, b => Assert.Equal(TestBatches.DescribeAll(batch), TestBatches.DescribeAll(b)));
        foreach (var b in decoded)
        {
            b.Dispose();
        }
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0x00, 0x00, 0x00, 0xAA, 0xBB })]
    public void DecodeSchema_Garbage_ThrowsInvalidData(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => ArrowIpc.DecodeSchema(bytes));
    }

    [Fact]
    public void DecodeBatches_Garbage_ThrowsInvalidData()
    {
        var bytes = ArrowIpc.EncodeBatch(TestBatches.Mixed(5));
        var truncated = bytes[..(bytes.Length / 2)];

        Assert.Throws<InvalidDataException>(() => ArrowIpc.DecodeBatches(truncated));
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public void EncodeSchema_Metadata_IsUtf8OnTheWire()
    {
        var schema = new Schema([new Field("naïve", Int32Type.Default, true)], [new(CqMetadata.TableName, "tâble")]);

        var bytes = ArrowIpc.EncodeSchema(schema);
        var decoded = ArrowIpc.DecodeSchema(bytes);

        Assert.Equal("tâble", decoded.Metadata[CqMetadata.TableName]);
        Assert.Equal("naïve", decoded.FieldsList[0].Name);
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes("tâble")));
    }
}
