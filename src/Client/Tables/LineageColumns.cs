using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tables;

/// <summary>The spec values, column names and Arrow types of the <see cref="LineageColumn"/>s.</summary>
internal static class LineageColumns
{
    private static readonly string[] Values = ["key", "last_modified", "etag", "version_id", "row"];

    /// <summary>Every spec value, in enum order; for the spec's schema and its error messages.</summary>
    public static IReadOnlyList<string> SpecValues { get; } = Array.AsReadOnly(Values);

    /// <summary>The column for a spec value; values are lower case and compared exactly, like the spec's other enums.</summary>
    public static bool TryParse(string specValue, out LineageColumn column)
    {
        var index = Array.IndexOf(Values, specValue);
        column = (LineageColumn)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>The value the spec spells <paramref name="column"/> with.</summary>
    public static string SpecValue(LineageColumn column) => Values[(int)Checked(column)];

    /// <summary>
    /// The output column's name: <c>_source_</c> plus the spec value. The prefix keeps them apart from
    /// CloudQuery's <c>_cq_</c> columns and, in practice, from data columns.
    /// </summary>
    public static string ColumnName(LineageColumn column) => "_source_" + SpecValue(column);

    /// <summary>The Arrow type the column is sent as.</summary>
    public static IArrowType ArrowType(LineageColumn column) => Checked(column) switch
    {
        LineageColumn.LastModified => HiveValueTypes.TimestampUtc,
        LineageColumn.Row => Int64Type.Default,
        _ => StringType.Default,
    };

    /// <summary>The appended-column kind that carries <paramref name="column"/>.</summary>
    public static AppendedColumnKind KindOf(LineageColumn column) => Checked(column) switch
    {
        LineageColumn.Key => AppendedColumnKind.SourceKey,
        LineageColumn.LastModified => AppendedColumnKind.SourceLastModified,
        LineageColumn.Etag => AppendedColumnKind.SourceEtag,
        LineageColumn.VersionId => AppendedColumnKind.SourceVersionId,
        _ => AppendedColumnKind.SourceRow,
    };

    /// <summary>The lineage column an appended-column kind carries; false for <see cref="AppendedColumnKind.Partition"/>.</summary>
    public static bool TryOf(AppendedColumnKind kind, out LineageColumn column)
    {
        LineageColumn? found = kind switch
        {
            AppendedColumnKind.SourceKey => LineageColumn.Key,
            AppendedColumnKind.SourceLastModified => LineageColumn.LastModified,
            AppendedColumnKind.SourceEtag => LineageColumn.Etag,
            AppendedColumnKind.SourceVersionId => LineageColumn.VersionId,
            AppendedColumnKind.SourceRow => LineageColumn.Row,
            _ => null,
        };
        column = found.GetValueOrDefault();
        return found.HasValue;
    }

    private static LineageColumn Checked(LineageColumn column) =>
        Enum.IsDefined(column) ? column : throw new ArgumentOutOfRangeException(nameof(column), column, "Unknown lineage column.");
}
