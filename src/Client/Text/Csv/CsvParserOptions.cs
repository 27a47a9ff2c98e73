using Sylvan.Data.Csv;

namespace CqSourceS3.Client.Text.Csv;

/// <summary>The Sylvan parser settings for the <c>csv</c> options of a sync, checked once when the format is made.</summary>
internal static class CsvParserOptions
{
    /// <summary>The parser's buffer to begin with, in characters; it doubles, up to the longest record allowed, for a longer record.</summary>
    private const int InitialBufferChars = 64 * 1024;

    /// <summary>
    /// Sylvan's options for <paramref name="options"/>: the dialect set explicitly (an unset delimiter would be guessed
    /// from the first line), no header (<see cref="CsvRecordReader"/> reads it, so line numbers and names are ours), and
    /// no comment lines (Sylvan skips lines starting with <c>#</c> by default, which would drop data). A record must fit
    /// in the buffer, so <paramref name="maxRecordChars"/> bounds the longest record, and with it the memory.
    /// </summary>
    public static CsvDataReaderOptions For(CsvOptions options, int maxRecordChars)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordChars, 128);
        var problems = string.Join("; ", Problems(options));
        if (problems.Length > 0)
        {
            throw new ArgumentException(problems, nameof(options));
        }

        return new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = options.Delimiter,
            Quote = options.Quote,
            Escape = options.Escape ?? options.Quote,
            // Comments cannot be switched off; a lone low surrogate never starts a record of the well-formed text
            // StrictUtf8Reader hands over, so no line is ever taken for one.
            Comment = '\uDFFF',
            CsvStyle = CsvStyle.Standard,
            ResultSetMode = ResultSetMode.SingleResult,
            BufferSize = Math.Min(InitialBufferChars, maxRecordChars),
            MaxBufferSize = maxRecordChars,
            OwnsReader = false,
        };
    }

    // Sylvan's own check throws a message-less CsvConfigurationException; this one names every problem.
    private static IEnumerable<string> Problems(CsvOptions options)
    {
        foreach (var (option, value) in new[] { ("delimiter", options.Delimiter), ("quote", options.Quote), ("escape", options.Escape ?? options.Quote) })
        {
            if (!char.IsAscii(value) || value is '\r' or '\n')
            {
                yield return $"csv {option} must be one ASCII character other than a line break, not U+{(int)value:X4}";
            }
        }

        if (char.IsAsciiLetterOrDigit(options.Delimiter))
        {
            yield return $"csv delimiter '{options.Delimiter}' is a letter or digit";
        }

        if (options.Delimiter == options.Quote)
        {
            yield return $"csv delimiter and quote are both '{options.Quote}'";
        }

        if (options.Escape == options.Delimiter)
        {
            yield return $"csv escape and delimiter are both '{options.Delimiter}'";
        }
    }
}
