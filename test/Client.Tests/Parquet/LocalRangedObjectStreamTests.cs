using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Client.Tests.Storage;

namespace CqSourceS3.Client.Tests.Parquet;

/// <summary>
/// The Parquet stream over a local folder, which is read straight into the caller's memory
/// (<see cref="IDirectRangeReader"/>; its own tests are in <see cref="LocalFolderStoreTests"/>): no copy through
/// pooled arrays, no row group read ahead, and failures kept as over any store.
/// </summary>
public sealed class LocalRangedObjectStreamTests : IDisposable
{
    private static readonly byte[] Bytes = [.. Enumerable.Range(0, 5_000).Select(i => (byte)(i * 31))];

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cq-local-direct-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task RangedObjectStream_LocalStore_ReadsLargeRangesDirectlyAndNeverReadsAhead()
    {
        await using var store = await StoreWithAsync("p.bin", Bytes);
        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));
        var budget = new ReadAheadBudget(1024 * 1024);
        using var stream = new RangedObjectStream(store, obj, 256, CancellationToken.None);

        stream.BeginRowGroup();
        stream.Position = 4;
        var first = new byte[1_000];
        stream.ReadExactly(first);
        stream.ReadAheadNextRowGroup(budget);

        // A read-ahead would have sent its request already and taken its bytes from the budget.
        Assert.Equal(1, stream.RequestCount);
        Assert.Equal(1024 * 1024, budget.Available);
        stream.BeginRowGroup();
        var second = new byte[1_000];
        stream.ReadExactly(second);

        Assert.Equal(Bytes.AsSpan(4, 1_000).ToArray(), first);
        Assert.Equal(Bytes.AsSpan(1_004, 1_000).ToArray(), second);
        Assert.Equal(1024 * 1024, budget.Available);
        Assert.Equal(2, stream.RequestCount);
        Assert.Equal(2_000, stream.BytesFetched);
    }

    [Fact]
    public async Task RangedObjectStream_LocalFileGone_ReadsFailAndTheFirstFailureIsKept()
    {
        await using var store = await StoreWithAsync("gone.bin", Bytes);
        using var stream = await StreamOverDeletedFileAsync(store, "gone.bin");

        // A read larger than the block goes straight into the caller's memory, a small one into the block.
        var first = Assert.Throws<StoreException>(() => stream.ReadExactly(new byte[1_000]));
        var second = Assert.Throws<StoreException>(() => stream.ReadExactly(new byte[10]));

        Assert.Equal(StoreFailure.ObjectNotFound, first.Failure);
        Assert.NotSame(first, second);
        Assert.Same(first, stream.Failure);
        Assert.Equal(2, stream.RequestCount);
        Assert.Equal(0, stream.BytesFetched);
    }

    [Fact]
    public async Task RangedObjectStream_LocalFileGoneBeforePrefetch_RemembersItBeforeAnyReadAndKeepsIt()
    {
        await using var store = await StoreWithAsync("gone.bin", Bytes);
        using var stream = await StreamOverDeletedFileAsync(store, "gone.bin");

        var first = Assert.Throws<StoreException>(() => stream.Prefetch(4_800, 200));
        Assert.Same(first, stream.Failure);
        var second = Assert.Throws<StoreException>(() => stream.ReadExactly(new byte[10]));

        Assert.NotSame(first, second);
        Assert.Same(first, stream.Failure);
    }

    [Fact]
    public async Task RangedObjectStream_LocalFileShorterThanListed_ThrowsEndOfStreamAndCountsNoBytes()
    {
        await using var store = await StoreWithAsync("short.bin", Bytes);
        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));
        await File.WriteAllBytesAsync(Path.Combine(_root.FullName, "short.bin"), Bytes[..1_000]);
        using var stream = new RangedObjectStream(store, obj, 256, CancellationToken.None);
        stream.Position = 500;

        var thrown = Assert.Throws<EndOfStreamException>(() => stream.ReadExactly(new byte[2_000]));

        Assert.Equal("object 'short.bin' returned 500 of 2000 bytes at offset 500; it was probably rewritten after listing", thrown.Message);
        Assert.Same(thrown, stream.Failure);
        Assert.Equal(0, stream.BytesFetched);
    }

    [Fact]
    public async Task RangedObjectStream_LocalStoreTokenCancelled_ThrowsWithoutReadingAndKeepsTheCancellation()
    {
        await using var store = await StoreWithAsync("c.bin", Bytes);
        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));
        using var cancellation = new CancellationTokenSource();
        using var stream = new RangedObjectStream(store, obj, 256, cancellation.Token);
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => stream.ReadExactly(new byte[1_000]));

        Assert.IsAssignableFrom<OperationCanceledException>(stream.Failure);
        Assert.Equal(0, stream.RequestCount);
    }

    // Listed while the file was there, then deleted: every read of the stream finds it gone.
    private async Task<RangedObjectStream> StreamOverDeletedFileAsync(LocalFolderStore store, string key)
    {
        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));
        File.Delete(Path.Combine(_root.FullName, key));
        return new RangedObjectStream(store, obj, 256, CancellationToken.None);
    }

    private async Task<LocalFolderStore> StoreWithAsync(string key, byte[] bytes)
    {
        await File.WriteAllBytesAsync(Path.Combine(_root.FullName, key), bytes);
        return new LocalFolderStore(_root.FullName);
    }
}
