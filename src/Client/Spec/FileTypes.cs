using CqSourceS3.Naming;

namespace CqSourceS3.Client.Spec;

/// <summary>The values of <c>filetype</c>: which objects are read, told by their extension.</summary>
public static class FileTypes
{
    /// <summary><c>.parquet</c> objects only (the default, as before text formats existed).</summary>
    public const string Parquet = "parquet";

    /// <summary><c>.csv</c> and <c>.tsv</c> objects, plain or <c>.gz</c> / <c>.zst</c>.</summary>
    public const string Csv = "csv";

    /// <summary><c>.jsonl</c>, <c>.ndjson</c> and <c>.json</c> (JSON Lines) objects, plain or <c>.gz</c> / <c>.zst</c>.</summary>
    public const string JsonLines = "jsonl";

    /// <summary>Every object of those extensions, each read by its own.</summary>
    public const string Auto = "auto";

    /// <summary>The formats a <c>filetype</c> value reads.</summary>
    internal static ObjectFormats FormatsOf(string filetype) => filetype switch
    {
        Csv => ObjectFormats.Csv,
        JsonLines => ObjectFormats.JsonLines,
        Auto => ObjectFormats.All,
        _ => ObjectFormats.Parquet,
    };
}
