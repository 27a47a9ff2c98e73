using ParquetSharp;

namespace CqSourceS3.Client.Parquet;

/// <summary>
/// The native memory pool the Parquet decoder allocates pages and batches from: jemalloc where the native library
/// was built with it, else the library's default (mimalloc).
/// </summary>
/// <remarks>
/// Measured by bench/ (local sync of the reference set, 3 interleaved rounds): jemalloc peaked at 233–238 MB of RSS
/// against 288–298 MB for mimalloc, in the same time; the system allocator peaked at 408–467 MB. mimalloc hands
/// freed pages back to the kernel within milliseconds, so the next batch faults them in and zeroes them again.
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
