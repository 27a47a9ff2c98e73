using Apache.Arrow;
using CqSourceS3.Client.Text;
using static CqSourceS3.Client.Tests.Text.Csv.CsvTestData;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class CsvFormatInferenceTests
{
    [Theory]
    [InlineData("true", "FALSE", "bool")]
    [InlineData("1", "-42", "int64")]
    [InlineData("1.5", "-2e10", "float64")]
    [InlineData("2024-02-29", "1999-12-31", "date")]
    [InlineData("2024-02-29T10:00:00Z", "2024-02-29 10:00", "timestamp")]
    [InlineData("abc", "1", "string")]
    [InlineData("007", "8", "string")]
    [InlineData("99999999999999999999", "1", "string")]
    [InlineData("1", "2.5", "float64")]
    [InlineData("2024-01-01", "2024-01-02T03:04:05", "timestamp")]
    [InlineData("true", "1", "string")]
    public void Infer_ColumnValues_WidestTypeOfThem(string first, string second, string expected)
    {
        var inference = Infer($"v\n{first}\n{second}\n");

        Assert.Equal([expected], Types(inference.Schema));
    }

    [Fact]
    public void Infer_ColumnOfOnlyNulls_Utf8()
    {
        var inference = Infer("a,b\n,1\n,2\n");

        Assert.Equal(["string", "int64"], Types(inference.Schema));
    }

    [Fact]
    public void Read_NullValues_SkippedByInferenceAndReadAsNullQuotedOrNot()
    {
        var options = new CsvOptions { NullValues = ["NA", ""] };

        var batches = Read("n,s\n1,x\nNA,\"NA\"\n,\"\"\n3,NAN\n", options);

        Assert.Equal(["int64", "string"], Types(batches[0].Schema));
        Assert.Equal(["1 | \"x\"", "null | null", "null | null", "3 | \"NAN\""], Rows(batches));
    }

    [Fact]
    public void Read_EmptyNotANullValue_IsAnEmptyString()
    {
        var batches = Read("s,n\n,1\nx,NA\n", new CsvOptions { NullValues = ["NA"] });

        Assert.Equal(["\"\" | 1", "\"x\" | null"], Rows(batches));
    }

    [Fact]
    public void Read_Timestamps_InEveryFormConvertedToUtcMicroseconds()
    {
        var csv = "t\n2024-03-01T10:20:30Z\n2024-03-01 10:20:30\n2024-03-01T12:20:30+02:00\n2024-03-01T10:20:30.123456Z\n2024-03-01T05:20:30.5-0500\n2024-03-01\n";

        var column = (TimestampArray)Assert.Single(Read(csv)).Column(0);

        Assert.Equal(TextTypes.Timestamp.Unit, ((Apache.Arrow.Types.TimestampType)column.Data.DataType).Unit);
        Assert.Equal("UTC", ((Apache.Arrow.Types.TimestampType)column.Data.DataType).Timezone);
        Assert.Equal(
            [
                Micros("2024-03-01T10:20:30"),
                Micros("2024-03-01T10:20:30"),
                Micros("2024-03-01T10:20:30"),
                Micros("2024-03-01T10:20:30.123456"),
                Micros("2024-03-01T10:20:30.5"),
                Micros("2024-03-01T00:00:00"),
            ],
            Enumerable.Range(0, column.Length).Select(i => column.GetValue(i)!.Value));
    }

    [Fact]
    public void Read_Dates_DaysSinceTheEpoch()
    {
        var column = (Date32Array)Assert.Single(Read("d\n1970-01-02\n2024-02-29\n")).Column(0);

        Assert.Equal([1, 19782], Enumerable.Range(0, column.Length).Select(i => column.GetValue(i)!.Value));
    }

    [Fact]
    public void Read_ColumnTypesUtf8OnAnIntegerColumn_KeepsLeadingZeros()
    {
        var options = new CsvOptions { ColumnTypes = new Dictionary<string, TextType> { ["zip"] = TextType.Utf8 } };

        var batches = Read("zip,n\n007,1\n123,2\n", options);

        Assert.Equal(["string", "int64"], Types(batches[0].Schema));
        Assert.Equal(["\"007\" | 1", "\"123\" | 2"], Rows(batches));
    }

    [Fact]
    public void Infer_ColumnTypes_MatchTheExactNameOnly()
    {
        var options = new CsvOptions { ColumnTypes = new Dictionary<string, TextType> { ["Price"] = TextType.Float64, ["absent"] = TextType.Bool } };

        var inference = Infer("price,Price\n1,2\n", options);

        Assert.Equal(["int64", "float64"], Types(inference.Schema));
    }

    [Fact]
    public void Read_TypesString_EveryColumnUtf8ButThoseColumnTypesName()
    {
        var options = new CsvOptions { InferTypes = false, ColumnTypes = new Dictionary<string, TextType> { ["n"] = TextType.Int64 } };

        var batches = Read("n,m,d\n1,2,2024-01-01\n", options);

        Assert.Equal(["int64", "string", "string"], Types(batches[0].Schema));
        Assert.Equal(["1 | \"2\" | \"2024-01-01\""], Rows(batches));
    }

    [Fact]
    public void Infer_JsonColumnType_FieldCarriesTheExtension()
    {
        var options = new CsvOptions { ColumnTypes = new Dictionary<string, TextType> { ["j"] = TextType.Json } };

        var batches = Read("j\n\"{\"\"a\"\":1}\"\n", options);

        Assert.Equal(["json"], Types(batches[0].Schema));
        Assert.Equal(["0x7B2261223A317D"], Rows(batches));
    }

    [Fact]
    public void Infer_FewerRowsThanTheWindow_ReachesTheEndWithTheExactCount()
    {
        var inference = Infer("n\n1\n2\n3\n", new CsvOptions { InferRows = 10 });

        Assert.Equal(3, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Infer_ExactlyTheWindow_ReachesTheEnd()
    {
        var inference = Infer("n\n1\n2\n3\n", new CsvOptions { InferRows = 3 });

        Assert.Equal(3, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Infer_MoreRowsThanTheWindow_StopsAtTheWindowAndTypesFromItOnly()
    {
        var inference = Infer("n\n1\n2\n3\nx\n", new CsvOptions { InferRows = 3 });

        Assert.Equal(["int64"], Types(inference.Schema));
        Assert.Equal(3, inference.RowsRead);
        Assert.False(inference.ReachedEnd);
    }
}
