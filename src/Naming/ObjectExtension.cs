namespace CqSourceS3.Naming;

/// <summary>
/// What a key's file name extension says about the object: its format, its compression, and how many characters
/// the whole (compound) extension takes, which table names drop: <c>events.csv.gz</c> names the table <c>events</c>.
/// </summary>
/// <param name="Format">One of the single <see cref="ObjectFormats"/>.</param>
/// <param name="Compression">The compression suffix; always <see cref="ObjectCompression.None"/> for Parquet.</param>
/// <param name="Length">Characters of the compound extension, its leading dot included.</param>
/// <param name="TabSeparated">True for <c>.tsv</c>: a CSV whose default delimiter is a tab.</param>
public readonly record struct ObjectExtension(ObjectFormats Format, ObjectCompression Compression, int Length, bool TabSeparated = false)
{
    private static readonly (string Suffix, ObjectFormats Format, bool Tab)[] Formats =
    [
        (".parquet", ObjectFormats.Parquet, false),
        (".csv", ObjectFormats.Csv, false),
        (".tsv", ObjectFormats.Csv, true),
        (".jsonl", ObjectFormats.JsonLines, false),
        (".ndjson", ObjectFormats.JsonLines, false),
        (".json", ObjectFormats.JsonLines, false),
    ];

    private static readonly (string Suffix, ObjectCompression Compression)[] Compressions =
    [
        (".gz", ObjectCompression.Gzip),
        (".zst", ObjectCompression.Zstd),
    ];

    /// <summary>
    /// Reads the extension of <paramref name="key"/>'s file name, compared case-insensitively: a format extension,
    /// for text formats optionally followed by a compression one. False when there is none, or when nothing of the
    /// file name is left before it (<c>.csv</c>, <c>logs/.parquet</c>).
    /// </summary>
    public static bool TryOf(ReadOnlySpan<char> key, out ObjectExtension extension)
    {
        extension = default;
        var name = key[(key.LastIndexOf('/') + 1)..];
        var compression = ObjectCompression.None;
        var compressionLength = 0;
        foreach (var (suffix, kind) in Compressions)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                (compression, compressionLength) = (kind, suffix.Length);
                break;
            }
        }

        var rest = name[..^compressionLength];
        foreach (var (suffix, format, tab) in Formats)
        {
            if (rest.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                if (rest.Length == suffix.Length || (format == ObjectFormats.Parquet && compression != ObjectCompression.None))
                {
                    return false;
                }

                extension = new ObjectExtension(format, compression, suffix.Length + compressionLength, tab);
                return true;
            }
        }

        return false;
    }

    /// <summary>The extensions <paramref name="formats"/> accept, for messages: <c>.csv or .tsv (optionally .gz or .zst)</c>.</summary>
    public static string Describe(ObjectFormats formats)
    {
        var suffixes = Formats.Where(f => formats.HasFlag(f.Format)).Select(f => f.Suffix).ToList();
        var text = suffixes.Count switch
        {
            0 => "(none)",
            1 => suffixes[0],
            _ => string.Join(", ", suffixes[..^1]) + " or " + suffixes[^1],
        };
        return (formats & ~ObjectFormats.Parquet) == ObjectFormats.None ? text : text + " (text formats optionally .gz or .zst)";
    }
}
