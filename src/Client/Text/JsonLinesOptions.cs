namespace CqSourceS3.Client.Text;

/// <summary>How JSON Lines objects are read: the <c>jsonl:</c> section of the spec.</summary>
internal sealed record JsonLinesOptions
{
    /// <summary>The default longest line: 20 MiB.</summary>
    public const int DefaultMaxLineBytes = 20 * 1024 * 1024;

    /// <summary>True (<c>mode: raw</c>): one <c>data</c> JSON column per line; false (<c>columns</c>): top-level keys become columns.</summary>
    public bool Raw { get; init; }

    /// <summary>Lines per object that inference reads.</summary>
    public int InferRows { get; init; } = 1000;

    /// <summary>A longer line fails its object.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;
}
