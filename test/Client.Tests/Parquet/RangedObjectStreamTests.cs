using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class RangedObjectStreamTests
{
    private const int Block = 16 * 1024;
    private readonly InMemoryObjectStore _store = new();
    private readonly byte[] _content = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31 % 251)).ToArray();
    private readonly StoredObject _object;

    public RangedObjectStreamTests()
    {
        _object = _store.Put("data/file.bin", _content);
    }

    [Fact]
    public void Read_SequentialSmallReads_ServedFromOneReadAheadBlock()
    {
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);
        var buffer = new byte[1000];

        for (var i = 0; i < 10; i++)
        {
            stream.ReadExactly(buffer);
            Assert.Equal(_content.AsSpan(i * 1000, 1000).ToArray(), buffer);
        }

        Assert.Equal([new RangeRead("data/file.bin", 0, Block)], _store.Reads);
        Assert.Equal(Block, stream.BytesFetched);
        Assert.Equal(1, stream.RequestCount);
    }

    [Fact]
    public void Read_LargerThanBlock_FetchesExactlyWhatIsAsked()
    {
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);
        stream.Position = 1000;
        var buffer = new byte[40_000];

        stream.ReadExactly(buffer);

        Assert.Equal(_content.AsSpan(1000, 40_000).ToArray(), buffer);
        Assert.Equal([new RangeRead("data/file.bin", 1000, 40_000)], _store.Reads);
    }

    [Fact]
    public void Read_LargeReadsOneAfterAnother_EachGetsExactlyItsOwnBytes()
    {
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);
        var first = new byte[40_000];
        var second = new byte[30_000];

        // The second read is smaller than the first: a reused, larger pooled array must not leak its tail into it.
        stream.ReadExactly(first);
        stream.ReadExactly(second);

        Assert.Equal(_content.AsSpan(0, 40_000).ToArray(), first);
        Assert.Equal(_content.AsSpan(40_000, 30_000).ToArray(), second);
        Assert.Equal([new RangeRead("data/file.bin", 0, 40_000), new RangeRead("data/file.bin", 40_000, 30_000)], _store.Reads);
    }

    [Fact]
    public void Read_NearTheEnd_ClipsTheBlockToTheObjectWithAnExplicitRange()
    {
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);
        stream.Seek(-100, SeekOrigin.End);
        var buffer = new byte[500];

        var read = stream.Read(buffer, 0, buffer.Length);

        Assert.Equal(100, read);
        Assert.Equal(_content[^100..], buffer[..100]);
        Assert.Equal([new RangeRead("data/file.bin", _content.Length - 100, 100)], _store.Reads);
        Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
    }

    [Fact]
    public void Seek_OutsideTheBlock_DropsItSoReturningFetchesAgain()
    {
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);
        var buffer = new byte[10];
        stream.ReadExactly(buffer);
        stream.Position = 50_000;
        stream.ReadExactly(buffer);

        stream.Position = 5;
        stream.ReadExactly(buffer);

        Assert.Equal(_content.AsSpan(5, 10).ToArray(), buffer);
        Assert.Equal([0L, 50_000L, 5L], _store.Reads.Select(r => r.Offset));
    }

    [Fact]
    public void Prefetch_TailWindow_LaterReadsInsideItFetchNothing()
    {
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);
        stream.Prefetch(_content.Length - 8192, 8192);
        var buffer = new byte[4];

        stream.Seek(-4, SeekOrigin.End);
        stream.ReadExactly(buffer);
        stream.Position = _content.Length - 8192;
        stream.ReadExactly(new byte[8192]);

        Assert.Equal(_content[^4..], buffer);
        Assert.Single(_store.Reads);
        Assert.Equal(8192, stream.BytesFetched);
    }

    [Fact]
    public void Read_StoreFails_ThrowsAndRemembersTheStoreException()
    {
        var failure = new StoreException(StoreFailure.AccessDenied, _store.Location, _object.Key, "denied");
        _store.BeforeRead = _ => throw failure;
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);

        var thrown = Assert.Throws<StoreException>(() => stream.ReadExactly(new byte[10]));

        Assert.Same(failure, thrown);
        Assert.Same(failure, stream.Failure);
    }

    [Fact]
    public void Read_StoreFailsAgainAfterAFailure_KeepsTheFirstFailure()
    {
        _store.BeforeRead = read => throw new StoreException(StoreFailure.Transient, _store.Location, _object.Key, $"reset at {read.Offset}");
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);

        // A read larger than the block goes through a pooled array, a small one through the block: both ask the store.
        var first = Assert.Throws<StoreException>(() => stream.ReadExactly(new byte[40_000]));
        var second = Assert.Throws<StoreException>(() => stream.ReadExactly(new byte[10]));

        Assert.NotSame(first, second);
        Assert.Same(first, stream.Failure);
        Assert.Equal(2, stream.RequestCount);
        Assert.Equal(0, stream.BytesFetched);
    }

    [Fact]
    public void Prefetch_StoreFails_RemembersItBeforeAnyReadAndALaterFailureDoesNotReplaceIt()
    {
        _store.BeforeRead = read => throw new StoreException(StoreFailure.Transient, _store.Location, _object.Key, $"reset at {read.Offset}");
        using var stream = new RangedObjectStream(_store, _object, Block, CancellationToken.None);

        var first = Assert.Throws<StoreException>(() => stream.Prefetch(_content.Length - 8192, 8192));
        Assert.Same(first, stream.Failure);
        var second = Assert.Throws<StoreException>(() => stream.ReadExactly(new byte[10]));

        Assert.NotSame(first, second);
        Assert.Same(first, stream.Failure);
    }

    [Fact]
    public void Read_StoreReturnsFewerBytesThanAsked_ThrowsEndOfStreamAndCountsTheBytesThatCame()
    {
        // Listed at 120 000 bytes, now 100 000: rewritten after listing.
        var store = new TruncatedStore(_content);
        var listed = new StoredObject("data/file.bin", 120_000, DateTimeOffset.UnixEpoch);
        using var stream = new RangedObjectStream(store, listed, Block, CancellationToken.None);
        stream.Position = 90_000;

        var thrown = Assert.Throws<EndOfStreamException>(() => stream.ReadExactly(new byte[20_000]));

        Assert.Equal("object 'data/file.bin' returned 10000 of 20000 bytes at offset 90000; it was probably rewritten after listing", thrown.Message);
        Assert.Same(thrown, stream.Failure);
        Assert.Equal(10_000, stream.BytesFetched);
        Assert.Equal(1, stream.RequestCount);
    }

    [Fact]
    public void Read_TokenCancelled_ThrowsWithoutFetching()
    {
        using var cancellation = new CancellationTokenSource();
        using var stream = new RangedObjectStream(_store, _object, Block, cancellation.Token);
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => stream.ReadExactly(new byte[10]));

        Assert.Empty(_store.Reads);
        Assert.IsAssignableFrom<OperationCanceledException>(stream.Failure);
    }

    /// <summary>A store whose one object is shorter than it was listed: a range past its end comes back short.</summary>
    private sealed class TruncatedStore(byte[] content) : IObjectStore
    {
        public string Location => "memory://truncated";

        public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
            AsyncEnumerable.Empty<StoredObject>();

        public Task<Stream> OpenRangeAsync(StoredObject obj, long offset, long length, CancellationToken cancellationToken)
        {
            var served = (int)Math.Min(length, content.Length - offset);
            return Task.FromResult<Stream>(new MemoryStream(content, (int)offset, served, writable: false));
        }

        public Task CheckAccessAsync(string prefix, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
