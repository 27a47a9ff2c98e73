using Apache.Arrow;
using CqSourceS3.Client.Text;

namespace CqSourceS3.CsvParsersBench.Sinks;

/// <summary>
/// Parse and build: appends every field to the plugin's own <see cref="TextColumnBuilder"/> of its column (an empty
/// field is null, the default <c>null_values</c>), and every <see cref="BatchRows"/> rows builds the Arrow arrays,
/// adds them to the totals and drops them, as the engine hands a batch on.
/// </summary>
internal struct BatchBuild(TableSchema schema, ColumnTotals totals, string file) : IFieldSink
{
    public const int BatchRows = 16_384;

    private readonly TextColumnBuilder[] _builders = [.. schema.Types.Select(TextColumnBuilder.For)];
    private long _row;

    public readonly void Field(int column, ReadOnlySpan<char> text)
    {
        var builder = _builders[column];
        if (text.IsEmpty)
        {
            builder.AppendNull();
        }
        else if (!builder.TryAppend(text))
        {
            throw new InvalidDataException(
                $"{file}: data row {_row + 1}, column {schema.Names[column]}: \"{text}\" is not {TextTypes.Describe(builder.Type)}");
        }
    }

    public void EndRow()
    {
        if (++_row % BatchRows == 0)
        {
            Flush();
        }
    }

    /// <summary>Builds and drops what is left at the end of a file.</summary>
    public readonly void Flush()
    {
        if (_builders[0].Length == 0)
        {
            return;
        }

        var columns = new IArrowArray[_builders.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = _builders[c].Build();
        }

        totals.AddBatch(columns);
        foreach (var column in columns)
        {
            column.Dispose();
        }
    }
}
