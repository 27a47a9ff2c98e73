using System.Globalization;
using CqSourceS3.Client.Storage;

namespace CqSourceS3.Client.Mirror;

/// <summary>
/// One object version as the mirror state remembers it: XxHash64 of its ETag, version id and LastModified (UTC
/// ticks), so a rewrite that changes any of them is seen. <see cref="Pending"/> (0) marks a key whose rows may be in
/// the destination only in part (its read failed after rows were sent): the next run deletes and reads it again.
/// </summary>
internal static class MirrorVersion
{
    /// <summary>A version no object has: its rows must be deleted and read again.</summary>
    public const ulong Pending = 0;

    /// <summary>The remembered version of <paramref name="obj"/>; never <see cref="Pending"/>.</summary>
    public static ulong Of(StoredObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var text = string.Create(CultureInfo.InvariantCulture, $"{obj.ETag}\n{obj.VersionId}\n{obj.LastModified.UtcTicks}");
        var hash = Utf8Hash.Of(text);
        return hash == Pending ? 1 : hash;
    }
}
