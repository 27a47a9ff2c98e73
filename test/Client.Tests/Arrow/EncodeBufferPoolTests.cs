using CqSourceS3.Client.Arrow;

namespace CqSourceS3.Client.Tests.Arrow;

public sealed class EncodeBufferPoolTests
{
    [Fact]
    public void Rent_AfterReturnOfAWrittenStream_AlwaysGivesEmptyStreams()
    {
        var stream = EncodeBufferPool.Rent(1_000_000);
        stream.Write(new byte[1000]);
        EncodeBufferPool.Return(stream);

        // Tests encoding in parallel may hold or return streams meanwhile; whichever we get must be empty.
        var rented = Enumerable.Range(0, EncodeBufferPool.Slots + 1).Select(_ => EncodeBufferPool.Rent(0)).ToList();

        Assert.All(rented, r => Assert.Equal((0L, 0L), (r.Length, r.Position)));
        rented.ForEach(EncodeBufferPool.Return);
    }

    [Fact]
    public void Return_StreamAboveRetainedCapacity_IsNotPooled()
    {
        var huge = new MemoryStream(EncodeBufferPool.MaxRetainedCapacity + 1);

        EncodeBufferPool.Return(huge);

        var rented = Enumerable.Range(0, EncodeBufferPool.Slots + 1).Select(_ => EncodeBufferPool.Rent(0)).ToList();
        Assert.DoesNotContain(rented, r => ReferenceEquals(r, huge));
        rented.ForEach(EncodeBufferPool.Return);
    }

    [Fact]
    public void Rent_LargerThanPooledCapacity_GrowsToTheRequest()
    {
        var stream = EncodeBufferPool.Rent(3_000_000);

        Assert.True(stream.Capacity >= 3_000_000);
        Assert.Equal(0, stream.Position);
        EncodeBufferPool.Return(stream);
    }
}
