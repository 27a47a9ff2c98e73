namespace CqSourceS3.Client.Text;

/// <summary>How the CSV objects of a sync are parsed: the <c>csv:</c> section of the spec, resolved for one object.</summary>
internal sealed record CsvOptions
{
    /// <summary>Field separator: <c>,</c>, or a tab for <c>.tsv</c> objects unless the spec sets one.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Quote character.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>Escape character inside quotes; null means a quote is escaped by doubling it.</summary>
    public char? Escape { get; init; }

    /// <summary>Whether the first row (after <see cref="SkipRows"/>) names the columns. Ignored when <see cref="ColumnNames"/> is set.</summary>
    public bool Header { get; init; } = true;

    /// <summary>The column names, when the objects have no header row (or it is to be replaced: then the header is skipped).</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>Lines skipped at the start of every object, before the header.</summary>
    public int SkipRows { get; init; }

    /// <summary>Field texts read as null (quoted or not).</summary>
    public IReadOnlyList<string> NullValues { get; init; } = [""];

    /// <summary>False (<c>types: string</c>): every column is utf8, nothing is inferred.</summary>
    public bool InferTypes { get; init; } = true;

    /// <summary>Data rows per object that inference reads.</summary>
    public int InferRows { get; init; } = 1000;

    /// <summary>Column types given by name, instead of inferred.</summary>
    public IReadOnlyDictionary<string, TextType> ColumnTypes { get; init; } = new Dictionary<string, TextType>(StringComparer.Ordinal);
}
