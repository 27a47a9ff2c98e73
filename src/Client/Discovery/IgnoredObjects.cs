using System.Globalization;

namespace CqSourceS3.Client.Discovery;

/// <summary>Why a listed object is not read at all (it belongs to no table).</summary>
public enum IgnoreReason
{
    /// <summary>Its name does not end in an extension of the <c>filetype</c> (other formats, folder markers).</summary>
    OtherFileType,

    /// <summary>A hidden or temporary object (<c>ignore_hidden</c>): <c>.crc</c>, <c>_SUCCESS</c>, <c>_temporary/</c>, <c>._COPYING_</c>…</summary>
    Hidden,

    /// <summary>No <c>include</c> glob matches its key, or an <c>exclude</c> glob does.</summary>
    Excluded,
}

/// <summary>Listed objects that are not read, counted by <see cref="IgnoreReason"/>, for <c>discover</c> and errors.</summary>
public sealed record IgnoredObjects(int OtherFileType, int Hidden, int Excluded)
{
    /// <summary>Nothing ignored.</summary>
    public static IgnoredObjects None { get; } = new(0, 0, 0);

    /// <summary>Every ignored object.</summary>
    public int Total => OtherFileType + Hidden + Excluded;

    /// <summary>The extensions the <c>filetype</c> reads, for <see cref="Describe"/>: <c>.parquet</c> unless set.</summary>
    public string Extensions { get; init; } = ".parquet";

    /// <summary>The counts by reason, those above zero only, e.g. <c>3 not ending in .parquet, 2 hidden or temporary</c>; empty for none.</summary>
    public string Describe()
    {
        var parts = new List<string>(3);
        Add(parts, OtherFileType, "not ending in " + Extensions);
        Add(parts, Hidden, "hidden or temporary (ignore_hidden)");
        Add(parts, Excluded, "outside include/exclude");
        return string.Join(", ", parts);
    }

    /// <summary>The counts of a listing, indexed by <see cref="IgnoreReason"/>.</summary>
    public static IgnoredObjects FromCounts(int[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new(counts[(int)IgnoreReason.OtherFileType], counts[(int)IgnoreReason.Hidden], counts[(int)IgnoreReason.Excluded]);
    }

    private static void Add(List<string> parts, int count, string text)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {text}"));
        }
    }
}
