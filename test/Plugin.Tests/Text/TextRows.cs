using System.Text;
using Apache.Arrow;
using CqSourceS3.Plugin.Tests.Services;

namespace CqSourceS3.Plugin.Tests.Text;

/// <summary>The rows of a sync's decoded Inserts with each value as its CLR type: bool, long, double, DateOnly, DateTimeOffset, string; a JSON column's value as its text, a uuid (<c>_cq_id</c>) as hex.</summary>
internal static class TextRows
{
    public static List<Dictionary<string, object?>> Of(DecodedSyncResponses sync, string table)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var batch in sync.InsertsOf(table))
        {
            for (var row = 0; row < batch.Length; row++)
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var c = 0; c < batch.ColumnCount; c++)
                {
                    values[batch.Schema.FieldsList[c].Name] = ValueOf(batch.Column(c), row);
                }

                rows.Add(values);
            }
        }

        return rows;
    }

    private static object? ValueOf(IArrowArray column, int row) => column switch
    {
        _ when column.IsNull(row) => null,
        BooleanArray flags => flags.GetValue(row),
        Int64Array longs => longs.GetValue(row),
        DoubleArray doubles => doubles.GetValue(row),
        Date32Array dates => dates.GetDateOnly(row),
        TimestampArray timestamps => timestamps.GetTimestamp(row),
        StringArray strings => strings.GetString(row),
        BinaryArray json => Encoding.UTF8.GetString(json.GetBytes(row)),
        Apache.Arrow.Arrays.FixedSizeBinaryArray uuid => Convert.ToHexString(uuid.GetBytes(row)),
        _ => throw new NotSupportedException($"no CLR value for {column.Data.DataType.Name}"),
    };
}
