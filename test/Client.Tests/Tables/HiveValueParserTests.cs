using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class HiveValueParserTests
{
    private const string Key = "sales/month=x1/a.parquet";

    [Theory]
    [InlineData("05")]
    [InlineData("")]
    [InlineData(" spaced ")]
    [InlineData("2024-01-01 10:00:00")]
    [InlineData("NaN")]
    public void Parse_Utf8_KeepsTheTextUnchanged(string value)
    {
        Assert.Equal(value, Parse(value, HiveValueType.Utf8));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("05", 5)]
    [InlineData("+7", 7)]
    [InlineData("-12", -12)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Parse_Int32_ReturnsAnInt(string value, int expected)
    {
        var parsed = Parse(value, HiveValueType.Int32);

        Assert.IsType<int>(parsed);
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("x1")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1_000")]
    [InlineData("1,000")]
    [InlineData("")]
    [InlineData("0x10")]
    [InlineData("١٢")]
    public void Parse_NotAnInt32_Throws(string value)
    {
        Assert.Throws<HivePartitionValueException>(() => Parse(value, HiveValueType.Int32));
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("2024", 2024L)]
    public void Parse_Int64_ReturnsALong(string value, long expected)
    {
        var parsed = Parse(value, HiveValueType.Int64);

        Assert.IsType<long>(parsed);
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("12.5")]
    [InlineData("")]
    public void Parse_NotAnInt64_Throws(string value)
    {
        Assert.Throws<HivePartitionValueException>(() => Parse(value, HiveValueType.Int64));
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("+3", 3.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("2.5E-2", 0.025)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("+infinity", double.PositiveInfinity)]
    public void Parse_Float64_ReturnsADouble(string value, double expected)
    {
        var parsed = Parse(value, HiveValueType.Float64);

        Assert.IsType<double>(parsed);
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void Parse_Float64NaN_IsNaN(string value)
    {
        Assert.True(double.IsNaN((double)Parse(value, HiveValueType.Float64)!));
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("∞")]
    [InlineData("Inf")]
    [InlineData("1.5 ")]
    [InlineData("1.5f")]
    [InlineData(".")]
    [InlineData("e3")]
    [InlineData("")]
    public void Parse_NotAFloat64_Throws(string value)
    {
        Assert.Throws<HivePartitionValueException>(() => Parse(value, HiveValueType.Float64));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    [InlineData("false", false)]
    public void Parse_Bool_IgnoresCase(string value, bool expected)
    {
        Assert.Equal(expected, Parse(value, HiveValueType.Bool));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("yes")]
    [InlineData("t")]
    [InlineData(" true")]
    public void Parse_NotABool_Throws(string value)
    {
        Assert.Throws<HivePartitionValueException>(() => Parse(value, HiveValueType.Bool));
    }

    [Theory]
    [InlineData("2024-01-31", 2024, 1, 31)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("1969-12-31", 1969, 12, 31)]
    public void Parse_Date32_ReturnsADateOnly(string value, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), Parse(value, HiveValueType.Date32));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-1-31")]
    [InlineData("20240131")]
    [InlineData("2024/01/31")]
    [InlineData("31-01-2024")]
    [InlineData("2024-01-31T00:00:00")]
    [InlineData("+2024-01-31")]
    public void Parse_NotADate32_Throws(string value)
    {
        Assert.Throws<HivePartitionValueException>(() => Parse(value, HiveValueType.Date32));
    }

    [Fact]
    public void Parse_Timestamp_ReturnsAUtcInstant()
    {
        var parsed = Parse("2024-01-01 10:00:00+02:00", HiveValueType.Timestamp);

        Assert.Equal(new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero), parsed);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)parsed!).Offset);
    }

    [Fact]
    public void Parse_Null_IsNullForEveryType()
    {
        Assert.All(Enum.GetValues<HiveValueType>(), type => Assert.Null(Parse(null, type)));
    }

    [Fact]
    public void Parse_BadInt32_MessageNamesTheKeyTheColumnTheValueAndTheType()
    {
        var ex = Assert.Throws<HivePartitionValueException>(() => HiveValueParser.Parse("x1", HiveValueType.Int32, Key, "month"));

        Assert.Equal("object \"sales/month=x1/a.parquet\": partition column \"month\" value \"x1\" is not an int32 (hive_types)", ex.Message);
        Assert.Equal((Key, "month", "x1", "int32"), (ex.Key, ex.Column, ex.Value, ex.TypeName));
        Assert.Equal(FailureKind.Data, ex.Kind);
    }

    [Theory]
    [InlineData("int64", "is not an int64 (hive_types)")]
    [InlineData("float64", "is not a float64 (hive_types)")]
    [InlineData("bool", "is not a bool (hive_types)")]
    [InlineData("date32", "is not a date32 such as 2024-01-31 (hive_types)")]
    [InlineData("timestamp", "is not a timestamp such as 2024-01-31T10:00:00Z (hive_types)")]
    public void Parse_BadValue_MessageNamesTheType(string typeName, string ending)
    {
        Assert.True(HiveValueTypes.TryParse(typeName, out var type));

        var ex = Assert.Throws<HivePartitionValueException>(() => HiveValueParser.Parse("x1", type, Key, "month"));

        Assert.Equal($"object \"{Key}\": partition column \"month\" value \"x1\" {ending}", ex.Message);
    }

    private static object? Parse(string? value, HiveValueType type) => HiveValueParser.Parse(value, type, Key, "c");
}
