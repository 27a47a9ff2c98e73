using CqSourceS3.Client.Arrow;

namespace CqSourceS3.Client.Tests.Arrow;

public sealed class RecordBufferStreamTests
{
    [Fact]
    public void Finish_EstimateTooSmall_GrowsAndKeepsEveryByteInOrder()
    {
        using var stream = new RecordBufferStream();
        byte[] prefix = [1, 2, 3];
        var body = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();

        stream.Start(expectedBytes: 16, prefix);
        stream.Write(body, 0, 4_000);
        stream.Write(body.AsSpan(4_000));
        using var record = stream.Finish([9, 9]);

        Assert.Equal([.. prefix, .. body, 9, 9], record.Bytes.ToArray());
    }

    [Fact]
    public void Position_CountsFromTheEndOfThePrefix()
    {
        using var stream = new RecordBufferStream();

        stream.Start(expectedBytes: 64, [1, 2, 3, 4, 5, 6, 7, 8]);
        stream.Write([0, 0, 0]);

        // The IPC writer aligns by the positions it sees; a record's batch message starts at 0 as it always did.
        Assert.Equal(3, stream.Position);
        Assert.Equal(3, stream.Length);
        Assert.Equal(11, stream.Written.Length);
    }

    [Fact]
    public void Finish_RecordAbovePoolLimit_HandsOverItsWholeBytes()
    {
        using var stream = new RecordBufferStream();
        var body = new byte[EncodedRecord.MaxPooledBytes + 10];
        body[^1] = 7;

        stream.Start(expectedBytes: body.Length, []);
        stream.Write(body);
        using var record = stream.Finish([]);

        Assert.Equal(body.Length, record.Bytes.Length);
        Assert.Equal(7, record.Bytes.Span[^1]);
    }

    [Fact]
    public void Start_AfterFinish_TheEarlierRecordKeepsItsBytes()
    {
        using var stream = new RecordBufferStream();
        stream.Start(8, [1]);
        using var first = stream.Finish([2]);

        stream.Start(8, [3]);
        using var second = stream.Finish([4]);

        Assert.Equal([1, 2], first.Bytes.ToArray());
        Assert.Equal([3, 4], second.Bytes.ToArray());
    }

    [Fact]
    public void Read_And_Seek_AreNotSupported()
    {
        using var stream = new RecordBufferStream();

        Assert.False(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.Throws<NotSupportedException>(() => stream.Read(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
    }
}
