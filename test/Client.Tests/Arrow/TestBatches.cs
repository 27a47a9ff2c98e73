using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tests.Arrow;

/// <summary>Small record batches with flat, nullable, list and struct columns, built from values.</summary>
internal static class TestBatches
{
    public static readonly ListType ListOfInt32 = new(new Field("item", Int32Type.Default, true));

    public static readonly StructType PointType = new(
    [
        new Field("x", Int64Type.Default, false),
        new Field("label", StringType.Default, true),
    ]);

    /// <summary>Columns: id int64, name utf8 (every third null), tags list&lt;int32&gt; (row i has i % 4 items), point struct.</summary>
    public static RecordBatch Mixed(int rows, int textWidth = 5)
    {
        var ids = new Int64Array.Builder();
        var names = new StringArray.Builder();
        var tagOffsets = new ArrowBuffer.Builder<int>().Append(0);
        var tagValues = new Int32Array.Builder();
        var xs = new Int64Array.Builder();
        var labels = new StringArray.Builder();
        for (var i = 0; i < rows; i++)
        {
            ids.Append(i);
            if (i % 3 == 2)
            {
                names.AppendNull();
            }
            else
            {
                names.Append(Name(i, textWidth));
            }

            for (var j = 0; j < i % 4; j++)
            {
                tagValues.Append((i * 10) + j);
            }

            tagOffsets.Append(tagValues.Length);

            xs.Append(-i);
            labels.Append("p" + i);
        }

        var point = new StructArray(PointType, rows, [xs.Build(), labels.Build()], ArrowBuffer.Empty, nullCount: 0);
        var schema = new Schema(
        [
            new Field("id", Int64Type.Default, false),
            new Field("name", StringType.Default, true),
            new Field("tags", ListOfInt32, true),
            new Field("point", PointType, true),
        ], null);
        var tags = new ListArray(ListOfInt32, rows, tagOffsets.Build(), tagValues.Build(), ArrowBuffer.Empty, nullCount: 0);
        return new RecordBatch(schema, [ids.Build(), names.Build(), tags, point], rows);
    }

    public static string Name(int row, int width) => row.ToString("D" + width, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every value of row <paramref name="row"/> of a <see cref="Mixed"/>-shaped batch as text.</summary>
    public static string Describe(RecordBatch batch, int row)
    {
        var id = ((Int64Array)batch.Column("id")).GetValue(row);
        var name = ((StringArray)batch.Column("name")).GetString(row) ?? "(null)";
        var tags = (ListArray)batch.Column("tags");
        var tagValues = (Int32Array)tags.GetSlicedValues(row);
        var point = (StructArray)batch.Column("point");
        var x = ((Int64Array)point.Fields[0]).GetValue(row);
        var label = ((StringArray)point.Fields[1]).GetString(row);
        return $"{id}|{name}|[{string.Join(',', tagValues.Values.ToArray())}]|{x}|{label}";
    }

    public static List<string> DescribeAll(RecordBatch batch) =>
        Enumerable.Range(0, batch.Length).Select(row => Describe(batch, row)).ToList();
}
