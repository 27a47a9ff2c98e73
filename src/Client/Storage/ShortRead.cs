namespace CqSourceS3.Client.Storage;

/// <summary>
/// The failure of a ranged read that got fewer bytes than it asked for: every range lies inside the object as listed,
/// so the object must have been rewritten (shorter) since. One text for every store and reader.
/// </summary>
internal static class ShortRead
{
    /// <summary><paramref name="read"/> of <paramref name="wanted"/> bytes came from <paramref name="key"/> at <paramref name="offset"/>.</summary>
    public static EndOfStreamException Of(string key, long offset, long read, long wanted) =>
        new($"object '{key}' returned {read} of {wanted} bytes at offset {offset}; it was probably rewritten after listing");
}
