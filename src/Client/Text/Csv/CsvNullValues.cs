namespace CqSourceS3.Client.Text.Csv;

/// <summary>
/// The field texts read as null (<c>null_values</c>). A field matches by its text after unquoting, so <c>NA</c> and
/// <c>"NA"</c> are both null when <c>NA</c> is listed: CSV writers quote at whim, and the quotes carry no meaning.
/// </summary>
internal sealed class CsvNullValues
{
    private readonly string[] _texts;
    private readonly bool _empty;

    public CsvNullValues(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _empty = texts.Contains(string.Empty);
        _texts = [.. texts.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="field"/> is null.</summary>
    public bool Matches(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
        {
            return _empty;
        }

        foreach (var text in _texts)
        {
            if (field.SequenceEqual(text))
            {
                return true;
            }
        }

        return false;
    }
}
