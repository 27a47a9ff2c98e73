namespace CqSourceS3.Client.Text;

/// <summary>
/// The bytes of a text object are not what its table expects: a value that does not parse as its column's type,
/// a row with the wrong number of fields, invalid UTF-8, a line longer than allowed. Positive evidence about the
/// object, so it is never retried; the reader that catches it adds the bucket and key.
/// </summary>
internal sealed class TextDataException(string message, long line, string? column = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The 1-based line of the object where the offending record starts (header and skipped lines counted).</summary>
    public long Line { get; } = line;

    /// <summary>The column concerned, when there is one.</summary>
    public string? Column { get; } = column;
}
