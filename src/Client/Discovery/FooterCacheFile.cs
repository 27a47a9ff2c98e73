using System.Security.Cryptography;
using System.Text;
using Apache.Arrow;
using CqSourceS3.Client.Arrow;
using CqSourceS3.Client.Formats;
using CqSourceS3.Client.Parquet;
using CqSourceS3.Client.Storage;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// The file a <see cref="FooterCache"/> outlives the process in: one per store location and <c>path_prefix</c>,
/// named by a hash of both (so neither the bucket, the endpoint nor a key appears in the name), written whole to a
/// temporary file and renamed over the old one, so a reader never sees half a file.
/// </summary>
/// <remarks>
/// Layout (little-endian, strings length-prefixed UTF-8): the magic <c>CQS3FTR2</c>, the 32-byte scope hash,
/// the distinct schemas as Arrow IPC schema streams, then per object its key, size, LastModified ticks, ETag,
/// version, row count, row-group count, uncompressed bytes, schema index and, for a text object, its format,
/// compression, parsing options and whether the row count is exact. A file of the first layout (<c>CQS3FTR1</c>,
/// before text formats) reads as empty and is replaced. Objects of one table share one
/// schema entry, so 10,000 objects of one table cost about 100 bytes each.
/// </remarks>
internal sealed class FooterCacheFile
{
    private static readonly byte[] Magic = "CQS3FTR2"u8.ToArray();
    private static readonly byte[] FirstLayoutMagic = "CQS3FTR1"u8.ToArray();

    private readonly byte[] _scope;

    private FooterCacheFile(string path, byte[] scope)
    {
        Path = path;
        _scope = scope;
    }

    /// <summary>Where the file is (it may not exist yet).</summary>
    public string Path { get; }

    /// <summary>The user's cache folder for this plugin (see the <c>footer_cache_dir</c> option).</summary>
    public static string DefaultDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && System.IO.Path.IsPathRooted(xdg))
        {
            return System.IO.Path.Combine(xdg, "cq-source-s3");
        }

        if (OperatingSystem.IsWindows())
        {
            return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "cq-source-s3", "cache");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            // No home (some containers): the temporary folder still spares repeated footer reads in one machine's life.
            return System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cq-source-s3-cache");
        }

        return OperatingSystem.IsMacOS()
            ? System.IO.Path.Combine(home, "Library", "Caches", "cq-source-s3")
            : System.IO.Path.Combine(home, ".cache", "cq-source-s3");
    }

    /// <summary>The file for objects of <paramref name="location"/> under <paramref name="prefix"/>, inside <paramref name="directory"/>.</summary>
    public static FooterCacheFile For(string directory, string location, string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(prefix);
        var scope = SHA256.HashData(Encoding.UTF8.GetBytes($"{location}\n{prefix}"));
        var name = $"footers-{Convert.ToHexStringLower(scope)[..32]}.bin";
        return new FooterCacheFile(System.IO.Path.Combine(directory, name), scope);
    }

    /// <summary>Every entry of the file; none when it does not exist.</summary>
    /// <exception cref="InvalidDataException">The file is not a footer cache of this scope, or is cut short.</exception>
    public IReadOnlyList<ObjectFileInfo> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var reader = new BinaryReader(File.OpenRead(Path), Encoding.UTF8);
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (magic.AsSpan().SequenceEqual(FirstLayoutMagic))
            {
                // Written by a version before text formats: its footers are simply read again, once.
                return [];
            }

            if (!magic.AsSpan().SequenceEqual(Magic) || !reader.ReadBytes(_scope.Length).AsSpan().SequenceEqual(_scope))
            {
                throw new InvalidDataException("not a footer cache of this bucket or folder and prefix");
            }

            var schemas = new Schema[Count(reader)];
            for (var i = 0; i < schemas.Length; i++)
            {
                // A file written before the normalizer learned a conversion holds that type raw; normalizing again
                // (a no-op for what it already converted) keeps MigrateTable in step with the batches read now.
                schemas[i] = ArrowTypeNormalizer.NormalizeSchema(ArrowIpc.DecodeSchema(reader.ReadBytes(Count(reader))));
            }

            var entries = new ObjectFileInfo[Count(reader)];
            for (var i = 0; i < entries.Length; i++)
            {
                var obj = new StoredObject(
                    reader.ReadString(), reader.ReadInt64(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero), ReadOptional(reader), ReadOptional(reader));
                var rows = reader.ReadInt64();
                var rowGroups = reader.ReadInt32();
                var uncompressed = reader.ReadInt64();
                var schema = reader.ReadInt32();
                if ((uint)schema >= (uint)schemas.Length)
                {
                    throw new InvalidDataException($"schema index {schema} out of range");
                }

                entries[i] = new ObjectFileInfo(obj, schemas[schema], rows, rowGroups, uncompressed) { Text = ReadText(reader) };
            }

            return entries;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the file is cut short", e);
        }
        catch (ArgumentException e)
        {
            // A value out of its range (a timestamp's ticks): the bytes are not what this class wrote.
            throw new InvalidDataException($"the file holds an impossible value: {e.Message}", e);
        }
    }

    /// <summary>Replaces the file with <paramref name="entries"/>; returns how many were written.</summary>
    /// <remarks>An entry whose schema does not survive an Arrow IPC round trip unchanged is left out, never stored altered.</remarks>
    public int Write(IEnumerable<ObjectFileInfo> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var schemas = new FooterSchemaTable();
        var kept = new List<(ObjectFileInfo Info, int Schema)>();
        foreach (var info in entries)
        {
            if (schemas.IndexOf(info.Schema) is { } index)
            {
                kept.Add((info, index));
            }
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(_scope);
                writer.Write(schemas.Encoded.Count);
                foreach (var bytes in schemas.Encoded)
                {
                    writer.Write(bytes.Length);
                    writer.Write(bytes);
                }

                writer.Write(kept.Count);
                foreach (var (info, schema) in kept)
                {
                    var obj = info.StoredObject;
                    writer.Write(obj.Key);
                    writer.Write(obj.Size);
                    writer.Write(obj.LastModified.UtcTicks);
                    WriteOptional(writer, obj.ETag);
                    WriteOptional(writer, obj.VersionId);
                    writer.Write(info.RowCount);
                    writer.Write(info.RowGroupCount);
                    writer.Write(info.UncompressedBytes);
                    writer.Write(schema);
                    WriteText(writer, info.Text);
                }
            }

            File.Move(temporary, Path, overwrite: true);
            return kept.Count;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A count or length; each counted item takes at least one byte, so a count beyond the rest of the file is corrupt.</summary>
    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        return count >= 0 && count <= left ? count : throw new InvalidDataException($"count {count} does not fit the {left} bytes left");
    }

    private static TextFacts? ReadText(BinaryReader reader)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        var format = (ObjectFormats)reader.ReadByte();
        var compression = (ObjectCompression)reader.ReadByte();
        if (format is not (ObjectFormats.Csv or ObjectFormats.JsonLines) || !Enum.IsDefined(compression))
        {
            throw new InvalidDataException($"text format {format} or compression {compression} unknown");
        }

        return new TextFacts(format, compression, reader.ReadString(), reader.ReadBoolean());
    }

    private static void WriteText(BinaryWriter writer, TextFacts? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write((byte)text.Format);
            writer.Write((byte)text.Compression);
            writer.Write(text.Settings);
            writer.Write(text.RowsExact);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }
}
