namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// The column names of a CSV object, from its header row, from <c>column_names</c>, or numbered. A table needs
/// distinct, non-empty names, so an empty name becomes <c>column{i}</c> (<c>i</c> 0-based, as numbered columns are
/// named) and a repeated one gets the first free suffix from <c>_2</c> on (<c>a</c>, <c>a_2</c>, <c>a_3</c>). A name
/// written in the file keeps priority: the suffix skips every name the file has, so <c>a,a,a_2</c> reads as
/// <c>a</c>, <c>a_3</c>, <c>a_2</c>, and no column is renamed because of a repeat elsewhere.
/// </summary>
internal static class CsvColumnNames
{
    /// <summary><c>column0</c>, <c>column1</c>, …: the names of an object without a header or <c>column_names</c>.</summary>
    public static string[] Numbered(int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = Name(i);
        }

        return names;
    }

    /// <summary>The fields of the current record (a header row) as column names.</summary>
    public static string[] FromHeader(CsvRecordReader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var cells = new string[header.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = header.Field(i).ToString();
        }

        return Distinct(cells);
    }

    /// <summary>
    /// <paramref name="given"/> with every empty name replaced by <c>column{i}</c> and every repeat suffixed, as the
    /// type explains.
    /// </summary>
    public static string[] Distinct(IReadOnlyList<string> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var names = new string[given.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = string.IsNullOrEmpty(given[i]) ? Name(i) : given[i];
        }

        var written = new HashSet<string>(names, StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (used.Add(names[i]))
            {
                continue;
            }

            var suffix = 2;
            string candidate;
            do
            {
                candidate = $"{names[i]}_{suffix++}";
            }
            while (written.Contains(candidate) || !used.Add(candidate));

            names[i] = candidate;
        }

        return names;
    }

    private static string Name(int index) => $"column{index}";
}
