namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// Finds an escape character inside quotes that escapes neither a quote nor itself. Sylvan unescapes such a field
/// wrongly (1.4.4: the escape is dropped and the value gains a stray character at its end, but only when the field
/// also escapes a quote; otherwise the escape is kept), so a record holding one is refused rather than read corrupt.
/// </summary>
internal static class StrayEscapes
{
    /// <summary>The index in <paramref name="record"/> (raw, as parsed) of the first stray escape, or -1.</summary>
    public static int Find(ReadOnlySpan<char> record, char delimiter, char quote, char escape)
    {
        var fieldStart = true;
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c == escape)
                {
                    if (i + 1 >= record.Length || (record[i + 1] != quote && record[i + 1] != escape))
                    {
                        return i;
                    }

                    i++;
                }
                else if (c == quote)
                {
                    quoted = false;
                }

                continue;
            }

            // A quote opens a quoted field only as its first character; elsewhere it is text.
            quoted = fieldStart && c == quote;
            fieldStart = c == delimiter || c is '\r' or '\n';
        }

        return -1;
    }
}
