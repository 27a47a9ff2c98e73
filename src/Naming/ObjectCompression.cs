namespace CqSourceS3.Naming;

/// <summary>How a text object's bytes are compressed, told by its last extension.</summary>
public enum ObjectCompression
{
    /// <summary>Not compressed.</summary>
    None,

    /// <summary><c>.gz</c>: gzip.</summary>
    Gzip,

    /// <summary><c>.zst</c>: Zstandard.</summary>
    Zstd,
}
