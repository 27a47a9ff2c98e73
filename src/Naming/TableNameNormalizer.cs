using System.Security.Cryptography;
using System.Text;

namespace CqSourceS3.Naming;

/// <summary>
/// Turns the raw text a table name is derived from (a directory path or a root file's stem) into an
/// identifier every CloudQuery destination accepts: <c>[A-Za-z0-9_]</c> only, no leading, trailing or
/// doubled <c>_</c>, at most <see cref="TableNames.MaxLength"/> characters, never empty.
/// </summary>
internal static class TableNameNormalizer
{
    /// <summary>What an all-punctuation source becomes, followed by a hash of that source.</summary>
    internal const string FallbackPrefix = "table_";

    /// <summary>How many characters of the normalized name survive truncation before the hash.</summary>
    internal const int TruncatedLength = 54;

    /// <summary>Hex characters of SHA-256 kept in a fallback or truncated name.</summary>
    internal const int HashHexLength = 8;

    /// <summary>Inputs up to this size are worked on in stack buffers; S3 keys rarely exceed it.</summary>
    internal const int StackLimit = 256;

    /// <summary>
    /// Normalizes <paramref name="raw"/>; <paramref name="sourcePrefix"/> only feeds the fallback
    /// name's hash, so two different all-punctuation sources still get different names.
    /// </summary>
    internal static string Normalize(ReadOnlySpan<char> raw, ReadOnlySpan<char> sourcePrefix)
    {
        // The result is never longer than the input, so one buffer of the input's size suffices.
        Span<char> buffer = raw.Length <= StackLimit ? stackalloc char[raw.Length] : new char[raw.Length];
        var length = 0;
        foreach (var c in raw)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = c;
            }
            else if (length > 0 && buffer[length - 1] != '_')
            {
                // Everything else, '_' and '/' included, becomes one separator. Checking the previous
                // character collapses runs and (with length > 0) never emits a leading '_'. Because runs
                // collapse, mapping per UTF-16 char or per rune gives the same result: a surrogate pair
                // yields "__", which collapses to "_" just as its single rune would.
                buffer[length++] = '_';
            }
        }

        if (length > 0 && buffer[length - 1] == '_')
        {
            length--;
        }

        if (length == 0)
        {
            return FallbackPrefix + Hash8(sourcePrefix);
        }

        return length <= TableNames.MaxLength
            ? new string(buffer[..length])
            : Truncate(buffer[..length]);
    }

    /// <summary>
    /// Keeps the first <see cref="TruncatedLength"/> characters (minus a trailing <c>_</c>) and appends
    /// <c>_</c> plus a hash of the whole name, so long names sharing a prefix stay distinct.
    /// </summary>
    private static string Truncate(ReadOnlySpan<char> name)
    {
        var head = name[..TruncatedLength].TrimEnd('_');
        return string.Concat(head, "_", Hash8(name));
    }

    /// <summary>The first 8 lowercase hex characters of the SHA-256 of the UTF-8 text.</summary>
    internal static string Hash8(ReadOnlySpan<char> text)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        Span<byte> bytes = byteCount <= StackLimit ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash[..(HashHexLength / 2)]);
    }
}
