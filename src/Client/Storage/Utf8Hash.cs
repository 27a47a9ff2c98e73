using System.IO.Hashing;
using System.Text;

namespace CqSourceS3.Client.Storage;

/// <summary>
/// XxHash64 (seed 0) of a text's UTF-8 bytes: the one hash of object keys, which shards (<c>shard_by: object</c>) and
/// the mirror's state buckets and versions all use. Stable across releases and machines: shards of different
/// versions must put every key in the same place, so the algorithm, the seed and the encoding never change.
/// </summary>
public static class Utf8Hash
{
    /// <summary>The hash of <paramref name="text"/>, encoded without a copy on the heap for texts of up to 1 KiB.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(text, bytes);
        return XxHash64.HashToUInt64(bytes[..written]);
    }
}
