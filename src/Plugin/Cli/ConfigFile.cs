using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// Reads a config file's text, or says in one line why it cannot: missing, a folder, unreadable, far too large for a
/// config, or not UTF-8. Bytes that are not UTF-8 are refused rather than replaced, since a replaced byte in a bucket
/// name or prefix would silently select other objects.
/// </summary>
internal static class ConfigFile
{
    /// <summary>Configs are a few KB; past this the argument is most likely the wrong file (a Parquet object, a log).</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <exception cref="ConfigException">The file cannot be used; the message names it.</exception>
    public static string ReadText(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigException($"{path}: is a folder; give the path of a config file (YAML) with a kind: source document");
        }

        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                throw new ConfigException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: is {length} bytes, more than a config file can be ({MaxBytes} bytes); is it the right file?"));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new ConfigException($"{path}: file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ConfigException($"{path}: file not found (its folder does not exist)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot be read: permission denied");
        }
        catch (IOException e)
        {
            throw new ConfigException($"{path}: cannot be read: {e.Message}");
        }

        return Decode(path, bytes.AsSpan().StartsWith(Utf8Bom) ? bytes.AsSpan(Utf8Bom.Length) : bytes);
    }

    private static string Decode(string path, ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var line = bytes[..read].Count((byte)'\n') + 1;
        throw new ConfigException(string.Create(CultureInfo.InvariantCulture,
            $"{path}: is not UTF-8 text: line {line} has the byte 0x{bytes[read]:X2} (offset {read}), which UTF-8 does not allow; save the file as UTF-8"));
    }
}
