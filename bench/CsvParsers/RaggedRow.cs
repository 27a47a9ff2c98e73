namespace CqSourceS3.CsvParsersBench;

/// <summary>A data row whose field count differs from the header's: the comparison stops rather than guess.</summary>
internal static class RaggedRow
{
    public static InvalidDataException Error(string parser, long row, int fields, int columns) =>
        new($"{parser}: data row {row} has {fields} fields, the header {columns}");
}
