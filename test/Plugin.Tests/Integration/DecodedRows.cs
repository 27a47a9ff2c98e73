using Apache.Arrow;
using CqSourceS3.Plugin.Tests.Services;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Integration;

/// <summary>The rows of a sync's decoded Inserts as column name → value, for checking values column by column.</summary>
internal static class DecodedRows
{
    /// <summary>Every row of <paramref name="table"/>'s Inserts (utf8 as string, ints, doubles, timestamps; other types as text).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Of(DecodedSyncResponses sync, string table)
    {
        foreach (var batch in sync.InsertsOf(table))
        {
            for (var row = 0; row < batch.Length; row++)
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    values[batch.Schema.FieldsList[c].Name] = ValueOf(batch.Column(c), row);
                }

                yield return values;
            }
        }
    }

    private static object? ValueOf(IArrowArray column, int row) => column switch
    {
        _ when column.IsNull(row) => null,
        StringArray strings => strings.GetString(row),
        Int32Array ints => ints.GetValue(row),
        Int64Array longs => longs.GetValue(row),
        DoubleArray doubles => doubles.GetValue(row),
        TimestampArray timestamps => timestamps.GetTimestamp(row),
        _ => ArrowValueFormatter.Format(column, row),
    };
}
