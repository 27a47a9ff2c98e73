// Generates the quick start's sample dataset: Parquet files at several prefix depths, a few thousand rows,
// the same bytes every run (fixed seed). Run from the repository root:
//   dotnet run examples/generate-sample-data.cs [OUTPUT_DIR]    (default: examples/data)
#:package ParquetSharp
#:package Apache.Arrow

using Apache.Arrow;
using Apache.Arrow.Types;
using ParquetSharp;
using ParquetSharp.Arrow;

var output = args.Length > 0 ? args[0] : Path.Combine("examples", "data");
var random = new Random(20261123);
var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
string[] countries = ["PT", "NO", "EC", "AU", "JP", "KE", "CA", "DE"];
string[] pages = ["/", "/pricing", "/docs", "/blog", "/signup", "/login"];

// Root-level file: table "customers".
Write("customers.parquet", 500, row => [
    ("customer_id", Int64Type.Default, false, b => ((Int64Array.Builder)b).Append(row + 1)),
    ("name", StringType.Default, false, b => ((StringArray.Builder)b).Append($"Customer {row + 1:0000}")),
    ("country", StringType.Default, true, b => ((StringArray.Builder)b).Append(countries[random.Next(countries.Length)])),
    ("signed_up", Date32Type.Default, false, b => ((Date32Array.Builder)b).Append(start.AddDays(random.Next(700)).DateTime)),
    ("is_active", BooleanType.Default, false, b => ((BooleanArray.Builder)b).Append(random.Next(5) > 0)),
]);

// Two files under one prefix: table "sales_orders".
for (var part = 0; part < 2; part++)
{
    var first = part * 1000;
    Write($"sales/orders/part-{part:0000}.parquet", 1000, row => [
        ("order_id", Int64Type.Default, false, b => ((Int64Array.Builder)b).Append(first + row + 1)),
        ("customer_id", Int64Type.Default, false, b => ((Int64Array.Builder)b).Append(random.Next(1, 501))),
        ("amount", new Decimal128Type(12, 2), false, b => ((Decimal128Array.Builder)b).Append(Math.Round((decimal)random.NextDouble() * 500m + 1m, 2))),
        ("ordered_at", new TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC"), false, b => ((TimestampArray.Builder)b).Append(start.AddMinutes(random.Next(1_000_000)))),
        ("discount", DoubleType.Default, true, b => { if (random.Next(10) == 0) { ((DoubleArray.Builder)b).Append(Math.Round(random.NextDouble() * 0.3, 2)); } else { ((DoubleArray.Builder)b).AppendNull(); } }),
    ]);
}

// A deeper prefix: table "sales_returns_eu".
Write("sales/returns/eu/returns.parquet", 300, row => [
    ("return_id", Int64Type.Default, false, b => ((Int64Array.Builder)b).Append(row + 1)),
    ("order_id", Int64Type.Default, false, b => ((Int64Array.Builder)b).Append(random.Next(1, 2001))),
    ("reason", StringType.Default, true, b => ((StringArray.Builder)b).Append(random.Next(3) switch { 0 => "damaged", 1 => "late", _ => null })),
]);

// Events with a list column: table "events".
Write("events/page-views.parquet", 1500, row => [
    ("event_id", Int64Type.Default, false, b => ((Int64Array.Builder)b).Append(row + 1)),
    ("page", StringType.Default, false, b => ((StringArray.Builder)b).Append(pages[random.Next(pages.Length)])),
    ("seen_at", new TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC"), false, b => ((TimestampArray.Builder)b).Append(start.AddSeconds(row * 37L))),
    ("duration_ms", Int32Type.Default, true, b => ((Int32Array.Builder)b).Append(random.Next(50, 30_000))),
    ("tags", new ListType(new Field("item", StringType.Default, true)), true, b =>
    {
        var list = (ListArray.Builder)b;
        list.Append();
        var values = (StringArray.Builder)list.ValueBuilder;
        for (var i = random.Next(3); i > 0; i--)
        {
            values.Append(countries[random.Next(countries.Length)].ToLowerInvariant());
        }
    }),
]);

Console.WriteLine($"sample data written to {Path.GetFullPath(output)}");

void Write(string key, int rows, Func<int, (string Name, IArrowType Type, bool Nullable, Action<IArrowArrayBuilder> Append)[]> columnsOf)
{
    var columns = columnsOf(0);
    var builders = columns.Select(c => NewBuilder(c.Type)).ToArray();
    for (var row = 0; row < rows; row++)
    {
        var cells = row == 0 ? columns : columnsOf(row);
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c].Append(builders[c]);
        }
    }

    var schema = new Schema(columns.Select(c => new Field(c.Name, c.Type, c.Nullable)), null);
    var arrays = builders.Select(Build).ToArray();
    using var batch = new RecordBatch(schema, arrays, rows);
    var path = Path.Combine(output, key);
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
    using var arrowProperties = new ArrowWriterPropertiesBuilder().StoreSchema().Build();
    using var file = File.Create(path);
    using var writer = new FileWriter(file, schema, properties, arrowProperties, leaveOpen: true);
    writer.WriteRecordBatch(batch, 512);
    writer.Close();
}

static IArrowArrayBuilder NewBuilder(IArrowType type) => type switch
{
    Int64Type => new Int64Array.Builder(),
    Int32Type => new Int32Array.Builder(),
    StringType => new StringArray.Builder(),
    Date32Type => new Date32Array.Builder(),
    BooleanType => new BooleanArray.Builder(),
    DoubleType => new DoubleArray.Builder(),
    Decimal128Type d => new Decimal128Array.Builder(d),
    TimestampType t => new TimestampArray.Builder(t),
    ListType l => new ListArray.Builder(l.ValueDataType),
    _ => throw new NotSupportedException(type.Name),
};

static IArrowArray Build(IArrowArrayBuilder builder) => builder switch
{
    Int64Array.Builder b => b.Build(),
    Int32Array.Builder b => b.Build(),
    StringArray.Builder b => b.Build(),
    Date32Array.Builder b => b.Build(),
    BooleanArray.Builder b => b.Build(),
    DoubleArray.Builder b => b.Build(),
    Decimal128Array.Builder b => b.Build(),
    TimestampArray.Builder b => b.Build(),
    ListArray.Builder b => b.Build(),
    _ => throw new NotSupportedException(builder.GetType().Name),
};
