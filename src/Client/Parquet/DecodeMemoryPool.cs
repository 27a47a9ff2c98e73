using ParquetSharp;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// The native memory pool the Parquet decoder allocates pages and batches from: jemalloc where the native library
/// was built with it, else the library's default (mimalloc).
/// </summary>
/// <remarks>
/// mimalloc hands freed pages back to the kernel within milliseconds, so the next batch faults them in and zeroes
/// them again; jemalloc keeps them for reuse. In the bench's syncs jemalloc gave the lowest peak RSS at the same
/// speed and the system allocator the highest (bench/RESULTS.md, run of 2026-11-24 00:30 UTC, "After this run":
/// "The decoder allocates from jemalloc's pool").
/// </remarks>
internal static class DecodeMemoryPool
{
    /// <summary>The pool every decoder of this process uses.</summary>
    public static MemoryPool Instance { get; } = Choose();

    private static MemoryPool Choose()
    {
        try
        {
            return MemoryPool.JemallocMemoryPool();
        }
        catch (ParquetException)
        {
            // Not in this platform's native build: the default is still a good allocator.
            return MemoryPool.GetDefaultMemoryPool();
        }
    }
}
