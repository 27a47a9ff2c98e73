using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CqSourceS3.Client.Mirror;

/// <summary>
/// The stored text of one mirror state bucket, version 1: <c>1:</c> then base64 of the deflated
/// <c>varint(entry count)</c> and entries, each <c>varint(length of the key's UTF-8 bytes) · key bytes · version (8
/// bytes, little-endian)</c>. The count comes first because a deflate stream cut short reads as a shorter one: a value
/// that lost entries must fail, not drop keys (their rows would never be deleted). Keys are in ordinal
/// order so equal buckets give equal text (and an unchanged bucket is not written again). The keys themselves are
/// kept, not only hashes: a deleted object's rows are deleted by its key. An empty bucket is <c>1:</c>.
/// </summary>
internal static class MirrorBucketFormat
{
    private const string Prefix = "1:";

    public static string Write(IEnumerable<KeyValuePair<string, ulong>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return Prefix;
        }

        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            Span<byte> number = stackalloc byte[10];
            deflate.Write(number[..WriteVarint(number, (ulong)sorted.Count)]);
            foreach (var (key, version) in sorted)
            {
                var bytes = Encoding.UTF8.GetBytes(key);
                deflate.Write(number[..WriteVarint(number, (ulong)bytes.Length)]);
                deflate.Write(bytes);
                BinaryPrimitives.WriteUInt64LittleEndian(number, version);
                deflate.Write(number[..8]);
            }
        }

        return Prefix + Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The entries of a stored bucket.</summary>
    /// <exception cref="FormatException">The text is not a version-1 bucket.</exception>
    public static Dictionary<string, ulong> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("it does not start with the format version '1:'");
        }

        var entries = new Dictionary<string, ulong>(StringComparer.Ordinal);
        if (text.Length == Prefix.Length)
        {
            return entries;
        }

        byte[] payload;
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(text[Prefix.Length..])), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            deflate.CopyTo(inflated);
            payload = inflated.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"its data is not deflate: {e.Message}", e);
        }

        var span = payload.AsSpan();
        var count = ReadVarint(ref span);
        for (ulong i = 0; i < count; i++)
        {
            var length = ReadVarint(ref span);
            if (length > (ulong)span.Length || span.Length - (int)length < 8)
            {
                throw new FormatException("an entry is cut short");
            }

            var key = Encoding.UTF8.GetString(span[..(int)length]);
            var version = BinaryPrimitives.ReadUInt64LittleEndian(span[(int)length..]);
            span = span[((int)length + 8)..];
            if (!entries.TryAdd(key, version))
            {
                throw new FormatException($"key '{key}' is listed twice");
            }
        }

        if (!span.IsEmpty)
        {
            throw new FormatException("bytes follow the last entry");
        }

        return entries;
    }

    private static int WriteVarint(Span<byte> target, ulong value)
    {
        var i = 0;
        for (; value >= 0x80; value >>= 7)
        {
            target[i++] = (byte)(value | 0x80);
        }

        target[i++] = (byte)value;
        return i;
    }

    private static ulong ReadVarint(ref Span<byte> span)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (span.IsEmpty)
            {
                throw new FormatException("an entry is cut short");
            }

            var b = span[0];
            span = span[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("a key length is too long");
    }
}
