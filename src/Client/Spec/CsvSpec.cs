using System.Collections.ObjectModel;
using System.ComponentModel;

namespace CqSourceS3.Client.Spec;

/// <summary>The <c>csv:</c> section of the spec: how CSV and TSV objects are parsed. Each option's text is its <see cref="DescriptionAttribute"/>.</summary>
public sealed record CsvSpec
{
    /// <summary>The <c>csv.delimiter</c> option, documented by its Description.</summary>
    [Description("The character between fields.")]
    [SpecDefaultText("`,`, and a tab for `.tsv` objects")]
    [SpecPattern("[^\\r\\n]", "character", "exactly one character, not a line break")]
    public string? Delimiter { get; init; }

    /// <summary>The <c>csv.quote</c> option, documented by its Description.</summary>
    [Description("The character that encloses a field holding delimiters, quotes or line breaks.")]
    [SpecPattern("[^\\r\\n]", "character", "exactly one character, not a line break")]
    public string Quote { get; init; } = "\"";

    /// <summary>The <c>csv.escape</c> option, documented by its Description.</summary>
    [Description("The character that escapes a quote (or itself) inside a quoted field, e.g. `\\\\`.")]
    [SpecDefaultText("none: a quote inside a quoted field is written twice")]
    [SpecPattern("[^\\r\\n]", "character", "exactly one character, not a line break")]
    public string? Escape { get; init; }

    /// <summary>The <c>csv.header</c> option, documented by its Description.</summary>
    [Description("Whether the first row (after `skip_rows`) names the columns. Without a header and without `column_names`, columns are named `column0`, `column1`, ….")]
    public bool Header { get; init; } = true;

    /// <summary>The <c>csv.column_names</c> option, documented by its Description.</summary>
    [Description("The column names, in order. With `header: true` the header row is read and replaced by these names; every row must have this many fields.")]
    [SpecDefaultText("the header row")]
    [SpecNonEmpty]
    [SpecDistinct]
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>The <c>csv.skip_rows</c> option, documented by its Description.</summary>
    [Description("Lines skipped at the start of every object, before the header (titles, comments).")]
    [SpecIntegerRange(0, 1_000_000)]
    public int SkipRows { get; init; }

    /// <summary>The <c>csv.null_values</c> option, documented by its Description.</summary>
    [Description("Field texts read as null, quoted or not. `[]` reads every field as a value (an empty field is then an empty string in a utf8 column, and an error in any other).")]
    public IReadOnlyList<string> NullValues { get; init; } = [""];

    /// <summary>The <c>csv.types</c> option, documented by its Description.</summary>
    [Description("`infer`: each column's type is inferred from the first `infer_rows` rows of each object: bool (`true`/`false`), int64 (no leading zeros), float64, date32 (`yyyy-MM-dd`), timestamp[us, UTC] (ISO 8601 / RFC 3339, `T` or a space before the time, a value without offset taken as UTC), else utf8; a table's type is the union of its objects' under `schema_policy`. `string`: every column is utf8.")]
    [SpecAllowedValues(TextTypeNames.Infer, TextTypeNames.AllStrings)]
    public string Types { get; init; } = TextTypeNames.Infer;

    /// <summary>The <c>csv.infer_rows</c> option, documented by its Description.</summary>
    [Description("Rows of each object that type inference reads; discovery reads only as much of an object as they need. A later value that does not parse as its column's type fails the object with an error naming key, line and column (`error_policy` decides what follows), never a silent null.")]
    [SpecIntegerRange(1, 1_000_000)]
    public int InferRows { get; init; } = 1000;

    /// <summary>The <c>csv.column_types</c> option, documented by its Description.</summary>
    [Description("Types of columns by name, instead of inferred, e.g. `{zip: utf8, amount: float64}`: `bool`, `int64`, `float64`, `date32`, `timestamp`, `utf8` or `json`.")]
    [SpecAllowedValues(HiveColumnTypes.Bool, HiveColumnTypes.Int64, HiveColumnTypes.Float64, HiveColumnTypes.Date32, HiveColumnTypes.Timestamp, HiveColumnTypes.Utf8, TextTypeNames.Json)]
    public IReadOnlyDictionary<string, string> ColumnTypes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Equal when every option is (lists and maps by content).</summary>
    public bool Equals(CsvSpec? other) => SpecEquality.SameFields(this, other);

    /// <inheritdoc />
    public override int GetHashCode() => SpecEquality.FieldsHash(this);
}
