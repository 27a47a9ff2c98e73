using System.IO.Compression;
using CqSourceS3.Naming;
using ZstdSharp;

namespace CqSourceS3.Client.Formats;

/// <summary>
/// Decompresses a text object while it streams: never the whole object in memory, so a 2 GB <c>.csv.gz</c> costs
/// the same memory as a small one. gzip is the runtime's own (concatenated members included); Zstandard is
/// ZstdSharp, a managed port of the reference library.
/// </summary>
internal static class TextDecompression
{
    /// <summary>A stream of the decompressed bytes of <paramref name="raw"/>, which it owns.</summary>
    public static Stream Open(Stream raw, ObjectCompression compression) => compression switch
    {
        ObjectCompression.Gzip => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: false),
        ObjectCompression.Zstd => new DecompressionStream(raw, leaveOpen: false),
        _ => raw,
    };

    /// <summary>
    /// True when <paramref name="error"/> is the decompressor saying the bytes are not valid gzip or Zstandard:
    /// evidence about the object, not a transient failure.
    /// </summary>
    public static bool IsCorruptData(Exception error) => error is InvalidDataException or ZstdException;
}
