using Apache.Arrow;

namespace CqSourceS3.Client.Text.JsonLines;

/// <summary>The rows of a batch being built from lines, in one mode (columns or raw).</summary>
internal interface IJsonLinesRows : IDisposable
{
    /// <summary>Appends the row of one non-blank line.</summary>
    void Append(ReadOnlySpan<byte> line, long lineNumber);

    /// <summary>The <paramref name="rows"/> rows appended since the last build, as a batch; the next batch starts empty.</summary>
    RecordBatch Build(int rows);
}
