using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// A batch of the Arrow types CloudQuery's SDKs do not model: <c>utf8view</c>, <c>binaryview</c>,
/// <c>decimal32</c>, <c>decimal64</c> and <c>listview</c>, at the top level and inside a struct and a map, with nulls,
/// strings short enough to be inlined in their view and long enough not to be, and each decimal type's extremes.
/// ParquetSharp's Arrow writer stores the schema (<c>ARROW:schema</c>), so a file written from it reads back with
/// these very types, as a file written by Arrow C++, pyarrow or arrow-rs with view types enabled would.
/// </summary>
public static class ViewAndSmallDecimalBatches
{
    /// <summary>Longer than the 12 bytes a view holds inline, so it lives in a data buffer.</summary>
    public const string OutOfLine = "a string longer than twelve bytes";

    /// <summary>The schema of <see cref="Build"/>.</summary>
    public static Schema Schema { get; } = new Schema(
        [
            new Field("name", StringViewType.Default, nullable: true),
            new Field("blob", BinaryViewType.Default, nullable: true),
            new Field("price", new Decimal32Type(9, 2), nullable: true),
            new Field("total", new Decimal64Type(18, 4), nullable: true),
            new Field("tags", new ListViewType(new Field("item", StringViewType.Default, nullable: true)), nullable: true),
            new Field("point", new StructType(
                [
                    new Field("amount", new Decimal32Type(5, 1), nullable: true),
                    new Field("label", StringViewType.Default, nullable: true),
                ]), nullable: true),
            new Field("attrs", new MapType(new Field("key", StringViewType.Default, false), new Field("value", new Decimal64Type(10, 3), true)), nullable: true),
        ],
        null);

    /// <summary>
    /// What each row holds, column by column in schema order, as CloudQuery's JS SDK prints it after the plugin
    /// converted the types (<c>null</c> for a null; binary as hex; decimals as exact text; a map as key/value pairs).
    /// </summary>
    public static IReadOnlyList<string> ExpectedJsonRows { get; } =
    [
        """{"name":"short","blob":"00ff","price":"1.23","total":"12345678901234.5678","tags":["a","bb"],"point":{"amount":"12.5","label":"p"},"attrs":[["k","1.500"]]}""",
        """{"name":null,"blob":null,"price":null,"total":"-0.0001","tags":null,"point":{"amount":"-0.1","label":null},"attrs":[]}""",
        $$"""{"name":"{{OutOfLine}}","blob":"000102030405060708090a0b0c0d0e0f","price":"-9999999.99","total":null,"tags":[],"point":null,"attrs":null}""",
        $$"""{"name":"","blob":"","price":"9999999.99","total":"-99999999999999.9999","tags":["{{OutOfLine}}",null],"point":{"amount":null,"label":"{{OutOfLine}}"},"attrs":[["{{OutOfLine}}","-1234567.891"],["z",null]]}""",
    ];

    /// <summary>The four rows of <see cref="ExpectedJsonRows"/>.</summary>
    public static RecordBatch Build()
    {
        var name = new StringViewArray.Builder().Append("short").AppendNull().Append(OutOfLine).Append("").Build();
        var blob = new BinaryViewArray.Builder()
            .Append([0x00, 0xff]).AppendNull().Append([.. Enumerable.Range(0, 16).Select(i => (byte)i)]).Append([]).Build();
        var price = new Decimal32Array.Builder(new Decimal32Type(9, 2)).Append(1.23m).AppendNull().Append(-9999999.99m).Append(9999999.99m).Build();
        var total = new Decimal64Array.Builder(new Decimal64Type(18, 4))
            .Append(12345678901234.5678m).Append(-0.0001m).AppendNull().Append(-99999999999999.9999m).Build();

        var tags = new ListViewArray.Builder(StringViewType.Default);
        var tagValues = (StringViewArray.Builder)tags.ValueBuilder;
        tags.Append();
        tagValues.Append("a").Append("bb");
        tags.AppendNull();
        tags.Append();
        tags.Append();
        tagValues.Append(OutOfLine).AppendNull();

        var pointType = (StructType)Schema.GetFieldByName("point").DataType;
        var amount = new Decimal32Array.Builder(new Decimal32Type(5, 1)).Append(12.5m).Append(-0.1m).Append(0m).AppendNull().Build();
        var label = new StringViewArray.Builder().Append("p").AppendNull().Append("hidden by the struct's null").Append(OutOfLine).Build();
        var pointValid = new ArrowBuffer.BitmapBuilder().Append(true).Append(true).Append(false).Append(true);
        var point = new StructArray(pointType, 4, [amount, label], pointValid.Build(), 1);

        var attrs = new MapArray.Builder((MapType)Schema.GetFieldByName("attrs").DataType);
        var keys = (StringViewArray.Builder)attrs.KeyBuilder;
        var values = (Decimal64Array.Builder)attrs.ValueBuilder;
        attrs.Append();
        keys.Append("k");
        values.Append(1.5m);
        attrs.Append();
        attrs.AppendNull();
        attrs.Append();
        keys.Append(OutOfLine).Append("z");
        values.Append(-1234567.891m).AppendNull();

        return new RecordBatch(Schema, [name, blob, price, total, tags.Build(), point, attrs.Build()], 4);
    }
}
