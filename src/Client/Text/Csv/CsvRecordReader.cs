using System.Text;
using Sylvan.Data.Csv;

namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// The records of one CSV object, in order, each with the physical line it starts on. Lines are counted here rather
/// than taken from the parser, whose row number counts records: a quoted field spanning lines, the skipped lines and
/// the header all move the line number, and an error must name the line a person finds in an editor. Every failure
/// of the bytes (invalid UTF-8, a malformed or too long record) becomes a <see cref="TextDataException"/> naming the
/// line where the record being read starts.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly StrictUtf8Reader _text;
    private readonly CsvDataReader _csv;
    private readonly int _maxRecordChars;
    private readonly char _delimiter;
    private readonly char _quote;
    private readonly char? _escape;
    private long _nextLine;
    private long _charsConsumed;

    /// <summary>Skips <paramref name="skipLines"/> lines of <paramref name="utf8"/> and starts parsing after them.</summary>
    public CsvRecordReader(Stream utf8, int skipLines, CsvDataReaderOptions parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        _text = new StrictUtf8Reader(utf8);
        _maxRecordChars = parser.MaxBufferSize ?? parser.BufferSize;
        _delimiter = parser.Delimiter ?? throw new ArgumentException("The delimiter must be set, not guessed.", nameof(parser));
        _quote = parser.Quote;
        _escape = parser.Escape == parser.Quote ? null : parser.Escape;
        try
        {
            _text.SkipLines(skipLines);
        }
        catch (DecoderFallbackException e)
        {
            throw Malformed(_text.LinesSkipped + 1, e);
        }

        _nextLine = _text.LinesSkipped + 1;
        try
        {
            // Without a header row Sylvan parses the first record here already.
            _csv = CsvDataReader.Create(_text, parser);
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
        {
            throw Malformed(_nextLine, e);
        }
    }

    /// <summary>The 1-based physical line the current record starts on.</summary>
    public long Line { get; private set; }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount => _csv.RowFieldCount;

    /// <summary>Whether the current record is an empty line (a line break and nothing else: one empty field).</summary>
    public bool IsEmptyLine { get; private set; }

    /// <summary>The text of field <paramref name="ordinal"/> of the current record, unquoted and unescaped; valid until the next read.</summary>
    public ReadOnlySpan<char> Field(int ordinal) => _csv.GetFieldSpan(ordinal);

    /// <summary>Moves to the next record; false at the end of the object.</summary>
    public bool Read()
    {
        bool read;
        try
        {
            read = _csv.Read();
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
        {
            throw Malformed(_nextLine, e);
        }

        if (!read)
        {
            return false;
        }

        // The raw record is every character the parser consumed for it, line breaks (inside quotes and at the end) included.
        var raw = _csv.GetRawRecordSpan();
        Line = _nextLine;
        _nextLine += LineBreaks.Count(raw);
        _charsConsumed += raw.Length;
        IsEmptyLine = raw.IndexOfAnyExcept('\r', '\n') < 0;
        if (_escape is { } escape && raw.Contains(escape) && StrayEscapes.Find(raw, _delimiter, _quote, escape) is var stray and >= 0)
        {
            throw new TextDataException(
                $"line {Line}: escape character '{escape}' before '{(stray + 1 < raw.Length ? raw[stray + 1] : ' ')}' inside quotes, where only the quote or the escape itself may follow it",
                Line);
        }

        return true;
    }

    /// <summary>Moves to the next record that is not an empty line (a header, or the first row of an object without one).</summary>
    public bool ReadNonEmpty()
    {
        while (Read())
        {
            if (!IsEmptyLine)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the records read so far are all the object holds: every character decoded went into them and the
    /// stream has no more bytes. Parses nothing further, so a record cut off after the last one read does not matter.
    /// </summary>
    public bool IsAtEnd() => _charsConsumed == _text.CharsRead && _text.IsAtEnd();

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }

    private TextDataException Malformed(long line, Exception e) => e switch
    {
        CsvRecordTooLargeException => new TextDataException(
            $"line {line}: a record longer than {_maxRecordChars} characters, the most one may hold", line, inner: e),
        _ => new TextDataException($"line {line}: {e.Message}", line, inner: e),
    };
}
