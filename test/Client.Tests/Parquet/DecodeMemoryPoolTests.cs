using System.Runtime.InteropServices;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Tests.Shared;
using ParquetSharp;

namespace CqSourceS3.Client.Tests.Parquet;

public sealed class DecodeMemoryPoolTests
{
    [Fact]
    public void Instance_JemallocWhereTheNativeBuildHasIt()
    {
        var backend = DecodeMemoryPool.Instance.BackendName;

        // ParquetSharp's Linux x64 build bundles jemalloc (what CI and the bench run on); other builds may fall back.
        if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            Assert.Equal("jemalloc", backend);
        }
        else
        {
            Assert.Contains(backend, new[] { "jemalloc", MemoryPool.GetDefaultMemoryPool().BackendName });
        }
    }

    [Fact]
    public async Task ReadAsync_BatchHeld_ItsBuffersComeFromTheDecodePool()
    {
        var store = new InMemoryObjectStore("memory://bucket");
        var obj = store.Put("ids.parquet", new ParquetFileBuilder(SampleBatches.AllTypesSchema) { RowGroupRows = 20_000 }
            .Add(SampleBatches.AllTypes(0, 20_000)).ToBytes());
        var options = new ParquetReadOptions(256 * 1024, TimeSpan.FromSeconds(30));

        await foreach (var batch in new ParquetBatchReader(options).ReadAsync(store, obj, 20_000, CancellationToken.None))
        {
            using (batch)
            {
                // The id column alone is 160,000 bytes of the batch, decoded into memory of the pool.
                Assert.Equal(20_000, batch.Length);
                Assert.True(DecodeMemoryPool.Instance.BytesAllocated >= 20_000 * sizeof(long), $"{DecodeMemoryPool.Instance.BytesAllocated} bytes in the pool");
            }
        }
    }
}
