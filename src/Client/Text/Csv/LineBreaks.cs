namespace CqSourceS3.Client.Text.Csv;

/// <summary>Counts line breaks the way the CSV parser ends records: LF, CRLF and a lone CR are one break each.</summary>
internal static class LineBreaks
{
    /// <summary>The line breaks in <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        int next;
        while ((next = text.IndexOfAny('\r', '\n')) >= 0)
        {
            count++;
            if (text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n')
            {
                next++;
            }

            text = text[(next + 1)..];
        }

        return count;
    }
}
