namespace CqSourceS3.Naming;

/// <summary>The formats an object can hold, told by its file name's extension (<see cref="ObjectExtension"/>).</summary>
[Flags]
public enum ObjectFormats
{
    /// <summary>No format.</summary>
    None = 0,

    /// <summary><c>.parquet</c>.</summary>
    Parquet = 1,

    /// <summary><c>.csv</c> or <c>.tsv</c>, plain, <c>.gz</c> or <c>.zst</c>.</summary>
    Csv = 2,

    /// <summary><c>.jsonl</c>, <c>.ndjson</c> or <c>.json</c> (JSON Lines), plain, <c>.gz</c> or <c>.zst</c>.</summary>
    JsonLines = 4,

    /// <summary>Every format (<c>filetype: auto</c>).</summary>
    All = Parquet | Csv | JsonLines,
}
