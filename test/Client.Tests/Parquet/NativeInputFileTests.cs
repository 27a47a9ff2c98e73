using System.Runtime.CompilerServices;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Tests.Shared;
using ParquetSharp.Arrow;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class NativeInputFileTests
{
    private readonly InMemoryObjectStore _store = new("memory://bucket");

    [Fact]
    public async Task Dispose_NativeSideStillHoldsTheFile_FileStaysAliveAndReadableThroughCollections()
    {
        var obj = _store.Put("a.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 50)).ToBytes());
        var input = new NativeInputFile(new RangedObjectStream(_store, obj, 4096, CancellationToken.None));
        using var reader = new FileReader(input.File);

        // Our reference goes first, as when an Arrow IO task outlives the reader: the native reader still reads.
        input.Dispose();
        Collect();
        Assert.False(input.IsReleased);
        long rows = 0;
        using (var batches = reader.GetRecordBatchReader())
        {
            while (await batches.ReadNextRecordBatchAsync() is { } batch)
            {
                rows += batch.Length;
                batch.Dispose();
            }
        }

        Assert.Equal(50, rows);
        Assert.False(input.IsReleased);
    }

    [Fact]
    public void Dispose_AfterTheNativeSideLetGo_ReleasesTheFileOnceAndLetsItBeCollected()
    {
        var obj = _store.Put("a.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 5)).ToBytes());
        var (released, file) = OpenAndClose(obj);

        Assert.True(released);
        Collect();
        Assert.False(file.TryGetTarget(out _), "the managed file is still alive after the native side closed it");
    }

    [Fact]
    public void Dispose_NativeReaderFreedLast_ReleasedOnlyThen()
    {
        var obj = _store.Put("a.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(SampleBatches.AllTypes(0, 5)).ToBytes());
        var input = new NativeInputFile(new RangedObjectStream(_store, obj, 4096, CancellationToken.None));
        var reader = new FileReader(input.File);
        input.Dispose();
        Assert.False(input.IsReleased);

        reader.Dispose();

        Assert.True(input.IsReleased);
    }

    // Not inlined, so that no local of this frame keeps the managed file reachable for the collection that follows.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (bool Released, WeakReference<object> File) OpenAndClose(CqSourceS3.Client.Storage.StoredObject obj)
    {
        var input = new NativeInputFile(new RangedObjectStream(_store, obj, 4096, CancellationToken.None));
        using (new FileReader(input.File))
        {
        }

        input.Dispose();
        return (input.IsReleased, new WeakReference<object>(input.File));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
