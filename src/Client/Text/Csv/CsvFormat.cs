using Apache.Arrow;
using Sylvan.Data.Csv;

namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// CSV objects as Arrow: <see cref="Infer"/> learns an object's schema from its start, <see cref="Read"/> turns the
/// whole object into record batches of that schema. Holds the settings of a sync; every call makes its own reader.
/// </summary>
/// <remarks>
/// <para>
/// <b>Parsing.</b> Sylvan.Data.Csv parses, in its RFC 4180 mode: quoted fields may hold delimiters, doubled quotes
/// (or <c>escape</c> + quote when an escape is set) and line breaks, which are kept as written (CRLF stays CRLF).
/// Lines end with LF or CRLF. The delimiter is always set, never guessed; Sylvan's comment lines are switched off.
/// Sylvan reads no header: this class does, so that names and line numbers are its own.
/// </para>
/// <para>
/// <b>Text.</b> Objects are UTF-8; a byte order mark is dropped. Invalid UTF-8 fails the object with the line of the
/// record holding it, rather than becoming U+FFFD and corrupting values silently. Decoding streams, a buffer at a time.
/// </para>
/// <para>
/// <b>Lines.</b> Every message names the 1-based physical line where the offending record starts, counting the
/// skipped lines, the header, empty lines and the line breaks inside quoted fields: the line an editor shows. LF,
/// CRLF and a lone CR each end a line.
/// </para>
/// <para>
/// <b>Layout.</b> <c>skip_rows</c> drops physical lines before anything is parsed (so a skipped line may hold an
/// unbalanced quote). Then the header row, when <c>header</c> is true, names the columns; <c>column_names</c> names
/// them instead (and the header row, if any, is skipped and must have as many fields). Without either, columns are
/// <c>column0</c>, <c>column1</c>, …, as many as the first row has. An empty header cell becomes <c>column{i}</c>;
/// a repeated name gets a suffix (<c>a</c>, <c>a_2</c>): see <see cref="CsvColumnNames"/>. Every row must have as
/// many fields as there are columns. An object without rows has the columns of its header or <c>column_names</c> (an
/// empty object without <c>column_names</c> has none), typed utf8 unless <c>column_types</c> names them.
/// </para>
/// <para>
/// <b>Empty lines</b> are skipped, except in a one-column object, where a line with no text is a null row, as DuckDB
/// reads it: there the empty line is the row's only field, and dropping it would lose a row. Empty lines before the
/// header or the first row are skipped in every object.
/// </para>
/// <para>
/// <b>Types.</b> Per column, the widest type (<see cref="TextTypes.Widen"/>) that <see cref="TextValues.Detect"/> finds
/// among the non-null values of the first <c>infer_rows</c> data rows; a column with no value is utf8. A field equal
/// to one of <c>null_values</c> (after unquoting) is null. <c>column_types</c> entries fix the type of the column of
/// that exact name; an entry naming no column is ignored, since one spec serves many objects. With <c>types:
/// string</c> nothing is detected and every column is utf8, except those <c>column_types</c> names: an explicit type
/// for a named column is a stronger statement than a blanket one.
/// </para>
/// <para>
/// <b>Memory.</b> Inference reads the header and <c>infer_rows</c> rows and stops: it never parses a record beyond,
/// so a huge object costs only its start, and a record cut off after the window does not matter. Having read
/// <c>infer_rows</c> rows, it reports the end reached only when nothing but those rows was decoded and the stream has no
/// more bytes (trailing empty lines left unparsed count as more). Reading holds one
/// batch and the parser's buffer, which grows to hold the longest record, up to 64 Mi characters (a longer record
/// fails its object). Values are parsed from spans into Arrow buffers, with no string or boxed value per field.
/// </para>
/// </remarks>
internal sealed class CsvFormat
{
    /// <summary>The longest record, in characters, that an object may hold.</summary>
    public const int DefaultMaxRecordChars = 64 * 1024 * 1024;

    private readonly CsvOptions _options;
    private readonly CsvDataReaderOptions _parser;
    private readonly CsvNullValues _nulls;

    /// <summary>The format of objects parsed with <paramref name="options"/>.</summary>
    public CsvFormat(CsvOptions options)
        : this(options, DefaultMaxRecordChars)
    {
    }

    /// <summary>The same, with another bound on the longest record (tests use a small one).</summary>
    internal CsvFormat(CsvOptions options, int maxRecordChars)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _parser = CsvParserOptions.For(options, maxRecordChars);
        _nulls = new CsvNullValues(options.NullValues);
    }

    /// <summary>
    /// Reads the start of the (already decompressed) bytes and infers the object's schema from at most
    /// <c>infer_rows</c> data rows. Throws <see cref="TextDataException"/> for invalid UTF-8, a malformed record or a
    /// row of the wrong width within them.
    /// </summary>
    public TextInference Infer(Stream utf8, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        using var records = new CsvRecordReader(utf8, _options.SkipRows, _parser);
        return new CsvSchemaInference(_options, _nulls).Infer(records, cancellationToken);
    }

    /// <summary>
    /// Reads every data row into batches of exactly <paramref name="schema"/> (the object's schema as
    /// <see cref="Infer"/> produced it, maybe read back from a cache), at most <paramref name="maxRowsPerBatch"/> rows
    /// each. Columns match by position. Throws <see cref="TextDataException"/>, naming the line (and the column and
    /// value), for a row of the wrong width or a value that is not of its column's type. The caller owns the stream.
    /// </summary>
    public IEnumerable<RecordBatch> Read(Stream utf8, Schema schema, int maxRowsPerBatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        // Made before enumeration starts, so a schema with a type no CSV column has fails here, not at the first batch.
        var reader = new CsvBatchReader(schema, _options, _parser, _nulls, maxRowsPerBatch);
        return reader.Read(utf8, cancellationToken);
    }
}
