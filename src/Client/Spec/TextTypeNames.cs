namespace CqSourceS3.Client.Spec;

/// <summary>The values of <c>csv.types</c> and <c>jsonl.mode</c>, and the one type name <c>csv.column_types</c> takes beyond <see cref="HiveColumnTypes"/>.</summary>
public static class TextTypeNames
{
    /// <summary><c>csv.types</c>: infer each column's type from the first <c>infer_rows</c> rows.</summary>
    public const string Infer = "infer";

    /// <summary><c>csv.types</c>: every column is utf8.</summary>
    public const string AllStrings = "string";

    /// <summary>Column type: CloudQuery's JSON type (the text must be one JSON value).</summary>
    public const string Json = "json";

    /// <summary><c>jsonl.mode</c>: top-level keys become columns.</summary>
    public const string Columns = "columns";

    /// <summary><c>jsonl.mode</c>: one <c>data</c> JSON column per line.</summary>
    public const string Raw = "raw";
}
