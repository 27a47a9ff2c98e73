using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tests.Storage;

public sealed class LocalFolderStoreTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cq-local-store-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task ListAsync_NestedFiles_ReturnsSlashKeysInOrdinalOrder()
    {
        // '-' sorts below '/', so "a-b.parquet" comes before the "a/" folder, as S3 lists it.
        foreach (var key in new[] { "b.parquet", "a/y/z.parquet", "a/x.parquet", "a-b.parquet", "B.parquet" })
        {
            Write(key, [1, 2, 3]);
        }

        await using var store = new LocalFolderStore(_root.FullName);

        Assert.Equal(["B.parquet", "a-b.parquet", "a/x.parquet", "a/y/z.parquet", "b.parquet"], await StoreReading.ListKeysAsync(store, string.Empty));
    }

    [Fact]
    public async Task ListAsync_LocalPathIsAFile_SaysItIsAFile()
    {
        var path = Write("orders.parquet", [1, 2, 3]);
        await using var store = new LocalFolderStore(path);

        var error = await Assert.ThrowsAsync<StoreException>(() => StoreReading.ListKeysAsync(store, string.Empty));

        Assert.Equal(StoreFailure.BucketNotFound, error.Failure);
        Assert.Equal($"local_path '{path}' is a file, not a folder: set local_path to the folder that holds the Parquet files", error.Message);
    }

    [Fact]
    public async Task ListAsync_LinkedFolderPointingUp_IsNotFollowed()
    {
        Write("a/x.parquet", [1]);
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "a", "loop"), _root.FullName);
        await using var store = new LocalFolderStore(_root.FullName);

        Assert.Equal(["a/x.parquet"], await StoreReading.ListKeysAsync(store, string.Empty));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyKeysStartingWithIt()
    {
        foreach (var key in new[] { "a/1.parquet", "a/sub/2.parquet", "ab.parquet", "b/1.parquet" })
        {
            Write(key, [1]);
        }

        await using var store = new LocalFolderStore(_root.FullName);

        Assert.Equal(["a/1.parquet", "a/sub/2.parquet"], await StoreReading.ListKeysAsync(store, "a/"));
        Assert.Equal(["a/1.parquet", "a/sub/2.parquet", "ab.parquet"], await StoreReading.ListKeysAsync(store, "a"));
    }

    [Fact]
    public async Task ListAsync_File_ReportsSizeUtcLastModifiedAndETag()
    {
        var path = Write("t/data.parquet", new byte[1234]);
        var written = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);
        await using var store = new LocalFolderStore(_root.FullName);

        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));

        Assert.Equal(1234, obj.Size);
        Assert.Equal(new DateTimeOffset(written), obj.LastModified);
        Assert.Equal(TimeSpan.Zero, obj.LastModified.Offset);
        Assert.False(string.IsNullOrEmpty(obj.ETag));
    }

    [Fact]
    public async Task ListAsync_FileRewritten_ChangesETag()
    {
        var path = Write("data.parquet", [1, 2, 3]);
        await using var store = new LocalFolderStore(_root.FullName);
        var before = Assert.Single(await StoreReading.ListAsync(store, string.Empty));

        await File.WriteAllBytesAsync(path, [1, 2, 3, 4]);
        File.SetLastWriteTimeUtc(path, before.LastModified.UtcDateTime.AddSeconds(1));
        var after = Assert.Single(await StoreReading.ListAsync(store, string.Empty));

        Assert.NotEqual(before.ETag, after.ETag);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 8)]
    [InlineData(100, 50)]
    [InlineData(499, 1)]
    [InlineData(0, 500)]
    [InlineData(10, 0)]
    public async Task OpenRangeAsync_Range_ReturnsExactlyTheRequestedBytes(long offset, long length)
    {
        var bytes = Enumerable.Range(0, 500).Select(i => (byte)(i * 13)).ToArray();
        Write("r.bin", bytes);
        await using var store = new LocalFolderStore(_root.FullName);
        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));

        var read = await StoreReading.ReadRangeAsync(store, obj, offset, length);

        Assert.Equal(bytes.AsSpan((int)offset, (int)length).ToArray(), read);
    }

    [Fact]
    public async Task OpenRangeAsync_MissingFile_ThrowsObjectNotFound()
    {
        await using var store = new LocalFolderStore(_root.FullName);
        var missing = new StoredObject("gone/file.parquet", 10, DateTimeOffset.UtcNow);

        var error = await Assert.ThrowsAsync<StoreException>(() => store.OpenRangeAsync(missing, 0, 4, CancellationToken.None));

        Assert.Equal(StoreFailure.ObjectNotFound, error.Failure);
        Assert.Equal("gone/file.parquet", error.Key);
    }

    // ReadRange (IDirectRangeReader): a local folder is read straight into the caller's memory, with the same bytes
    // and the same failures as its ranged streams.
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 500)]
    [InlineData(123, 200)]
    [InlineData(499, 1)]
    [InlineData(10, 0)]
    public async Task ReadRange_Range_FillsTheDestinationWithExactlyThoseBytes(long offset, int length)
    {
        var bytes = Enumerable.Range(0, 500).Select(i => (byte)(i * 31)).ToArray();
        Write("d.bin", bytes);
        await using var store = new LocalFolderStore(_root.FullName);
        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));
        var destination = new byte[length];

        ((IDirectRangeReader)store).ReadRange(obj, offset, destination, CancellationToken.None);

        Assert.Equal(bytes.AsSpan((int)offset, length).ToArray(), destination);
    }

    [Fact]
    public async Task ReadRange_FileShorterThanListed_ThrowsEndOfStreamNamingTheKeyAndOffset()
    {
        Write("short.bin", new byte[500]);
        await using var store = new LocalFolderStore(_root.FullName);
        var obj = Assert.Single(await StoreReading.ListAsync(store, string.Empty));
        Write("short.bin", new byte[100]);

        var error = Assert.Throws<EndOfStreamException>(() => ((IDirectRangeReader)store).ReadRange(obj, 50, new byte[200], CancellationToken.None));

        Assert.Equal("object 'short.bin' returned 50 of 200 bytes at offset 50; it was probably rewritten after listing", error.Message);
    }

    [Fact]
    public async Task ReadRange_MissingFile_ThrowsObjectNotFoundAsOpenRangeDoes()
    {
        await using var store = new LocalFolderStore(_root.FullName);
        var missing = new StoredObject("gone/file.parquet", 10, DateTimeOffset.UtcNow);

        var error = Assert.Throws<StoreException>(() => ((IDirectRangeReader)store).ReadRange(missing, 0, new byte[4], CancellationToken.None));

        Assert.Equal(StoreFailure.ObjectNotFound, error.Failure);
        Assert.Equal("gone/file.parquet", error.Key);
    }

    [Fact]
    public async Task ListAsync_MissingFolder_ThrowsBucketNotFoundNamingTheFolder()
    {
        var missing = Path.Combine(_root.FullName, "does-not-exist");
        await using var store = new LocalFolderStore(missing);

        var error = await Assert.ThrowsAsync<StoreException>(() => StoreReading.ListAsync(store, string.Empty));

        Assert.Equal(StoreFailure.BucketNotFound, error.Failure);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAccessAsync_MissingFolder_ThrowsBucketNotFound()
    {
        await using var store = new LocalFolderStore(Path.Combine(_root.FullName, "does-not-exist"));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.CheckAccessAsync(string.Empty, CancellationToken.None));

        Assert.Equal(StoreFailure.BucketNotFound, error.Failure);
    }

    [Fact]
    public async Task CheckAccessAsync_ExistingFolder_SucceedsAndLocationIsTheFullPath()
    {
        await using var store = new LocalFolderStore(_root.FullName);

        await store.CheckAccessAsync(string.Empty, CancellationToken.None);

        Assert.Equal(Path.GetFullPath(_root.FullName), store.Location);
    }

    private string Write(string key, byte[] bytes)
    {
        var path = Path.Combine(_root.FullName, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
