using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// Makes <c>_cq_id</c> values, 16 bytes each in RFC 4122 (big-endian) order as CloudQuery's UUID type stores them.
/// Random mode makes UUID v4s in bulk. Deterministic mode (the sync's <c>deterministic_cq_id</c>) makes a
/// UUID v5 per row from the object's identity and the row's position in it, so re-syncing an unchanged object
/// yields the same ids and a destination can upsert instead of duplicating.
/// </summary>
/// <remarks>
/// The v5 name of row <c>r</c> is, each string as a 4-byte big-endian length then its UTF-8 bytes (so no
/// two different triples give the same name): <c>location</c>, <c>key</c>, <c>version</c>, then <c>r</c> as an
/// 8-byte big-endian integer; the namespace is <see cref="Namespace"/>. <c>r</c> counts rows from 0 across the
/// whole object. See <see cref="ObjectVersionOf"/> for the version. Instances are immutable and thread-safe.
/// </remarks>
internal sealed class CqIdGenerator
{
    /// <summary>Bytes per id.</summary>
    public const int IdSize = 16;

    /// <summary>This project's fixed v5 namespace. Changing it changes every deterministic id ever produced.</summary>
    public static readonly Guid Namespace = new("6ddd47f3-a906-40dc-ba78-0b47b6efdca0");

    // Namespace bytes followed by the length-prefixed object identity; each row appends its number.
    private readonly byte[]? _namePrefix;

    private CqIdGenerator(byte[]? namePrefix) => _namePrefix = namePrefix;

    /// <summary>Random UUID v4 ids.</summary>
    public static CqIdGenerator Random { get; } = new(null);

    /// <summary>True for UUID v5 ids derived from the object and row.</summary>
    public bool IsDeterministic => _namePrefix is not null;

    /// <summary>UUID v5 ids for the rows of one object.</summary>
    /// <param name="location"><c>s3://bucket</c> or the folder path (<see cref="IObjectStore.Location"/>).</param>
    /// <param name="key">The object key.</param>
    /// <param name="version">The object's version, normally <see cref="ObjectVersionOf"/>.</param>
    public static CqIdGenerator Deterministic(string location, string key, string version)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(version);

        var length = IdSize + 12 + Encoding.UTF8.GetByteCount(location) + Encoding.UTF8.GetByteCount(key)
            + Encoding.UTF8.GetByteCount(version);
        var prefix = new byte[length];
        Namespace.TryWriteBytes(prefix, bigEndian: true, out _);
        var offset = IdSize;
        foreach (var part in (ReadOnlySpan<string>)[location, key, version])
        {
            var written = Encoding.UTF8.GetBytes(part, prefix.AsSpan(offset + 4));
            BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(offset), written);
            offset += 4 + written;
        }

        return new CqIdGenerator(prefix);
    }

    /// <summary>Deterministic or random ids for the rows of <paramref name="obj"/>, as the sync asked.</summary>
    public static CqIdGenerator For(bool deterministic, string location, StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return deterministic ? Deterministic(location, obj.Key, ObjectVersionOf(obj)) : Random;
    }

    /// <summary>
    /// What identifies this content of the object: the S3 version id when the listing has one (not S3's
    /// literal <c>null</c> of unversioned objects), else the ETag, else the last-modified time in UTC ticks.
    /// The kind is prefixed so that an ETag can never collide with a version id of the same text.
    /// </summary>
    public static string ObjectVersionOf(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!string.IsNullOrEmpty(obj.VersionId) && obj.VersionId != "null")
        {
            return "version:" + obj.VersionId;
        }

        return !string.IsNullOrEmpty(obj.ETag)
            ? "etag:" + obj.ETag
            : "modified:" + obj.LastModified.UtcTicks.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Fills <paramref name="destination"/> (a multiple of 16 bytes) with the ids of consecutive rows
    /// starting at <paramref name="firstRow"/>, the row's number within the object.</summary>
    public void Fill(Span<byte> destination, long firstRow)
    {
        if (destination.Length % IdSize != 0)
        {
            throw new ArgumentException("The destination must hold whole 16-byte ids.", nameof(destination));
        }

        if (_namePrefix is null)
        {
            // One call to the CSPRNG for the whole batch; per-row calls cost far more than the bytes.
            RandomNumberGenerator.Fill(destination);
            for (var i = 0; i < destination.Length; i += IdSize)
            {
                SetVersionAndVariant(destination.Slice(i, IdSize), 4);
            }

            return;
        }

        var nameLength = _namePrefix.Length + sizeof(long);
        var name = ArrayPool<byte>.Shared.Rent(nameLength);
        try
        {
            _namePrefix.CopyTo(name, 0);
            for (var i = 0; i < destination.Length / IdSize; i++)
            {
                BinaryPrimitives.WriteInt64BigEndian(name.AsSpan(_namePrefix.Length), firstRow + i);
                NameBased(name.AsSpan(0, nameLength), destination.Slice(i * IdSize, IdSize));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(name);
        }
    }

    /// <summary>RFC 4122 name-based UUID v5: SHA-1 of the namespace's 16 bytes followed by the name, first 16
    /// bytes, version 5 and the RFC variant stamped in.</summary>
    /// <param name="namespaceAndName">The namespace UUID's bytes (big-endian) immediately followed by the name.</param>
    /// <param name="destination">16 bytes.</param>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "RFC 4122 defines UUID v5 as SHA-1; the hash names rows, it protects nothing.")]
    public static void NameBased(ReadOnlySpan<byte> namespaceAndName, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(namespaceAndName, hash);
        hash[..IdSize].CopyTo(destination);
        SetVersionAndVariant(destination, 5);
    }

    /// <summary>Makes the ids of <paramref name="rows"/> consecutive rows starting at <paramref name="firstRow"/>.</summary>
    public byte[] Create(int rows, long firstRow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var ids = GC.AllocateUninitializedArray<byte>(checked(rows * IdSize));
        Fill(ids, firstRow);
        return ids;
    }

    // RFC 4122 section 4.1: version in the high nibble of byte 6, variant 10xx in the top bits of byte 8.
    private static void SetVersionAndVariant(Span<byte> id, int version)
    {
        id[6] = (byte)((id[6] & 0x0F) | (version << 4));
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
    }
}
