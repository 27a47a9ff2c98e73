using System.Data.SqlTypes;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Record batches covering the column types a real bucket holds, with deterministic values derived from the row
/// number, for round-trip tests: ints, strings (repetitive, so dictionary-encoded), an Arrow dictionary column,
/// doubles with nulls, bools, timestamps, dates, decimal(18,4), decimal(38,10), half floats, list&lt;int64&gt;
/// and a struct.
/// </summary>
public static class SampleBatches
{
    /// <summary>The schema of <see cref="AllTypes"/>.</summary>
    public static Schema AllTypesSchema { get; } = new Schema(
        [
            new Field("id", Int64Type.Default, nullable: false),
            new Field("small", UInt8Type.Default, nullable: true),
            new Field("city", StringType.Default, nullable: true),
            new Field("category", new DictionaryType(Int32Type.Default, StringType.Default, false), nullable: true),
            new Field("score", DoubleType.Default, nullable: true),
            new Field("flag", BooleanType.Default, nullable: true),
            new Field("seen_at", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: true),
            new Field("day", Date32Type.Default, nullable: true),
            new Field("price", new Decimal128Type(18, 4), nullable: true),
            new Field("huge", new Decimal128Type(38, 10), nullable: true),
            new Field("ratio", HalfFloatType.Default, nullable: true),
            new Field("tags", new ListType(new Field("item", Int64Type.Default, nullable: true)), nullable: true),
            new Field("point", new StructType([new Field("x", Int32Type.Default, true), new Field("label", StringType.Default, true)]), nullable: true),
        ],
        new Dictionary<string, string> { ["origin"] = "SampleBatches" });

    private static readonly string[] Cities = ["Lisbon", "Oslo", "Quito", "Perth"];

    /// <summary>The exact decimal(38,10) text of row <paramref name="row"/>: 38 significant digits.</summary>
    public static string HugeText(long row) => $"1234567890123456789{row % 1_000_000_000:000000000}.{row * 7919 % 10_000_000_000L:0000000000}";

    /// <summary>The exact decimal(18,4) text of row <paramref name="row"/>.</summary>
    public static string PriceText(long row) => $"{row * 3 - 50_000}.{row % 10_000:0000}";

    /// <summary><paramref name="rows"/> rows whose ids start at <paramref name="firstRow"/>.</summary>
    public static RecordBatch AllTypes(long firstRow, int rows)
    {
        var id = new Int64Array.Builder();
        var small = new UInt8Array.Builder();
        var city = new StringArray.Builder();
        var categoryIndex = new Int32Array.Builder();
        var score = new DoubleArray.Builder();
        var flag = new BooleanArray.Builder();
        var seenAt = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        var day = new Date32Array.Builder();
        var price = new Decimal128Array.Builder(new Decimal128Type(18, 4));
        var huge = new Decimal128Array.Builder(new Decimal128Type(38, 10));
        var ratio = new HalfFloatArray.Builder();
        var tags = new ListArray.Builder(Int64Type.Default);
        var tagValues = (Int64Array.Builder)tags.ValueBuilder;
        var x = new Int32Array.Builder();
        var label = new StringArray.Builder();
        var pointValid = new ArrowBuffer.BitmapBuilder();
        for (var i = 0; i < rows; i++)
        {
            var row = firstRow + i;
            id.Append(row);
            small.Append((byte)(200 + row % 50));
            city.Append(Cities[row % Cities.Length]);
            categoryIndex.Append((int)(row % 3));
            if (row % 7 == 0)
            {
                score.AppendNull();
            }
            else
            {
                score.Append(row / 8.0);
            }

            flag.Append(row % 2 == 0);
            seenAt.Append(DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + row).AddTicks(row % 1000 * 10));
            day.Append(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(row % 400));
            price.Append(PriceText(row));
            huge.Append(SqlDecimal.Parse(HugeText(row)));
            ratio.Append((Half)(row % 64 / 4.0));
            if (row % 5 == 0)
            {
                tags.AppendNull();
            }
            else
            {
                tags.Append();
                for (var t = 0; t < row % 4; t++)
                {
                    tagValues.Append(row * 10 + t);
                }
            }

            x.Append((int)row);
            label.Append($"p{row}");
            pointValid.Append(row % 11 != 0);
        }

        var length = rows;
        var category = new DictionaryArray(
            (DictionaryType)AllTypesSchema.GetFieldByName("category").DataType,
            categoryIndex.Build(),
            new StringArray.Builder().AppendRange(["alpha", "beta", "gamma"]).Build());
        var point = new StructArray(AllTypesSchema.GetFieldByName("point").DataType, length,
            [x.Build(), label.Build()], pointValid.Build(), pointValid.UnsetBitCount);
        return new RecordBatch(AllTypesSchema,
            [id.Build(), small.Build(), city.Build(), category, score.Build(), flag.Build(), seenAt.Build(), day.Build(),
             price.Build(), huge.Build(), ratio.Build(), tags.Build(), point],
            length);
    }

    /// <summary>The rows of <see cref="AllTypes"/> as <see cref="ArrowValueFormatter.Rows"/> renders them, in the order written.</summary>
    public static List<string> AllTypesRows(long firstRow, int rows)
    {
        using var batch = AllTypes(firstRow, rows);
        return [.. ArrowValueFormatter.Rows(batch)];
    }

    /// <summary>
    /// The rows of <see cref="AllTypes"/> for each (first row, count), sorted ordinally: what a sync of those files
    /// sends, in whatever order it read them.
    /// </summary>
    public static List<string> AllTypesRowsSorted(params (long FirstRow, int Rows)[] files) =>
        [.. files.SelectMany(f => AllTypesRows(f.FirstRow, f.Rows)).Order(StringComparer.Ordinal)];
}
