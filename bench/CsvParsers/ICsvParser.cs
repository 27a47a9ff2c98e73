namespace CqSourceS3.CsvParsersBench;

/// <summary>
/// One CSV parser under comparison: reads comma-separated UTF-8 with a header row, quotes escaped by doubling (what
/// DuckDB writes), and hands every data row's fields to a sink as character spans. Each gets the same bytes and
/// reads them as it reads best: the UTF-16 parsers through <see cref="CsvInput.Text"/>, a UTF-8 parser directly.
/// </summary>
internal interface ICsvParser
{
    /// <summary>The package, as the report names it.</summary>
    string Name { get; }

    /// <summary>
    /// Parses all of <paramref name="bytes"/> (the header is skipped) into <paramref name="sink"/>, and fails on a row
    /// that does not have <paramref name="columns"/> fields. The caller disposes the stream.
    /// </summary>
    void Parse<TSink>(Stream bytes, int columns, ref TSink sink)
        where TSink : struct, IFieldSink;
}
