using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Parquet files with any list of flat columns (int32, int64, double, bool, utf8) and values derived from the row
/// number, for tests about schemas rather than values: which columns, types, order and nullability a file has.
/// </summary>
public static class SimpleParquet
{
    /// <summary>A file of <paramref name="rows"/> rows with the columns <paramref name="fields"/>, in that order.</summary>
    public static byte[] Bytes(int rows, params Field[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var schema = new Schema(fields, null);
        using var batch = new RecordBatch(schema, fields.Select(f => Column(f.DataType, rows)), rows);
        return new ParquetFileBuilder(schema).Add(batch).ToBytes();
    }

    /// <summary>A nullable column.</summary>
    public static Field Nullable(string name, IArrowType type) => new(name, type, nullable: true);

    /// <summary>A required (non-nullable) column.</summary>
    public static Field Required(string name, IArrowType type) => new(name, type, nullable: false);

    private static IArrowArray Column(IArrowType type, int rows) => type switch
    {
        Int32Type => new Int32Array.Builder().AppendRange(Enumerable.Range(0, rows)).Build(),
        Int64Type => new Int64Array.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => (long)i)).Build(),
        DoubleType => new DoubleArray.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => i / 2.0)).Build(),
        BooleanType => new BooleanArray.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => i % 2 == 0)).Build(),
        StringType => new StringArray.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture))).Build(),
        _ => throw new NotSupportedException($"SimpleParquet has no values for {type.Name}"),
    };
}
