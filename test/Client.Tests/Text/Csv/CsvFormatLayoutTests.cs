using CqSourceS3.Client.Text;
using CqSourceS3.Client.Text.Csv;
using static CqSourceS3.Client.Tests.Text.Csv.CsvTestData;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class CsvFormatLayoutTests
{
    [Fact]
    public void Read_SkipRows_DropsLinesBeforeTheHeaderEvenWithAnOpenQuote()
    {
        var csv = "exported by \"tool\nat noon\nid,name\n1,a\n";

        var batches = Read(csv, new CsvOptions { SkipRows = 2 });

        Assert.Equal(["id", "name"], Names(batches[0].Schema));
        Assert.Equal(["1 | \"a\""], Rows(batches));
    }

    [Fact]
    public void Infer_SkipRowsPastTheEnd_EmptySchema()
    {
        var inference = Infer("only\r\none\r\n", new CsvOptions { SkipRows = 5 });

        Assert.Empty(inference.Schema.FieldsList);
        Assert.Equal(0, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Read_NoHeader_NamesColumnsByPositionAndReadsTheFirstLineAsData()
    {
        var batches = Read("1,a\n2,b\n", new CsvOptions { Header = false });

        Assert.Equal(["column0", "column1"], Names(batches[0].Schema));
        Assert.Equal(["1 | \"a\"", "2 | \"b\""], Rows(batches));
    }

    [Fact]
    public void Read_ColumnNamesWithoutHeader_NameColumnsAndReadTheFirstLineAsData()
    {
        var options = new CsvOptions { Header = false, ColumnNames = ["id", "name"] };

        var batches = Read("1,a\n2,b\n", options);

        Assert.Equal(["id", "name"], Names(batches[0].Schema));
        Assert.Equal(["1 | \"a\"", "2 | \"b\""], Rows(batches));
    }

    [Fact]
    public void Read_ColumnNamesWithHeader_ReplaceTheHeaderRow()
    {
        var options = new CsvOptions { Header = true, ColumnNames = ["id", "name"] };

        var batches = Read("ID,Full Name\n1,a\n", options);

        Assert.Equal(["id", "name"], Names(batches[0].Schema));
        Assert.Equal(["1 | \"a\""], Rows(batches));
    }

    [Fact]
    public void Infer_ColumnNamesWithHeaderOfOtherWidth_ThrowsOnTheHeaderLine()
    {
        var options = new CsvOptions { SkipRows = 1, ColumnNames = ["id", "name"] };

        var error = Assert.Throws<TextDataException>(() => Infer("skipped\na,b,c\n1,2,3\n", options));

        Assert.Equal(2, error.Line);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_EmptyAndRepeatedHeaderNames_GetPositionsAndSuffixes()
    {
        var inference = Infer("a,,a,a_2,b,a\n1,2,3,4,5,6\n");

        Assert.Equal(["a", "column1", "a_3", "a_2", "b", "a_4"], Names(inference.Schema));
    }

    [Fact]
    public void Read_EmptyLinesInAOneColumnObject_AreNullRows()
    {
        var batches = Read("n\n1\n\n3\r\n\r\n");

        Assert.Equal(["1", "null", "3", "null"], Rows(batches));
    }

    [Fact]
    public void Infer_EmptyLinesInAOneColumnObject_CountAsRows()
    {
        var inference = Infer("n\n1\n\n3\n");

        Assert.Equal(["int64"], Types(inference.Schema));
        Assert.Equal(3, inference.RowsRead);
    }

    [Fact]
    public void Read_EmptyLinesInAManyColumnObject_AreSkipped()
    {
        var batches = Read("\n\na,b\n\n1,x\n\r\n2,y\n\n");

        Assert.Equal(["1 | \"x\"", "2 | \"y\""], Rows(batches));
    }

    [Fact]
    public void Read_EmptyLinesBeforeTheFirstRowOfAOneColumnObject_AreSkipped()
    {
        var batches = Read("\n\n7\n\n", new CsvOptions { Header = false });

        Assert.Equal(["7", "null"], Rows(batches));
    }

    [Fact]
    public void Infer_EmptyObject_EmptySchemaAtTheEnd()
    {
        var inference = Infer("");

        Assert.Empty(inference.Schema.FieldsList);
        Assert.Equal(0, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Read_EmptyObject_NoBatches()
    {
        Assert.Empty(Read(""));
    }

    [Fact]
    public void Infer_HeaderOnly_HeaderColumnsAsUtf8AtTheEnd()
    {
        var inference = Infer("id,name\n");

        Assert.Equal(["id", "name"], Names(inference.Schema));
        Assert.Equal(["string", "string"], Types(inference.Schema));
        Assert.Equal(0, inference.RowsRead);
        Assert.True(inference.ReachedEnd);
    }

    [Fact]
    public void Read_HeaderOnly_NoBatches()
    {
        Assert.Empty(Read("id,name"));
    }

    [Fact]
    public void Read_SchemaOfOtherNames_NamesColumnsFromTheSchema()
    {
        var format = new CsvFormat(new CsvOptions());
        var schema = new Apache.Arrow.Schema([TextTypes.ToField("first", TextType.Int64), TextTypes.ToField("second", TextType.Utf8)], null);

        var batch = Assert.Single(format.Read(Utf8("id,name\n1,a\n"), schema, 10, CancellationToken.None));

        Assert.Same(schema, batch.Schema);
        Assert.IsType<Apache.Arrow.Int64Array>(batch.Column(0));
        Assert.Equal(["1 | \"a\""], Rows([batch]));
    }

    [Fact]
    public void Read_HeaderOfOtherWidthThanTheSchema_Throws()
    {
        var format = new CsvFormat(new CsvOptions());
        var schema = new Apache.Arrow.Schema([TextTypes.ToField("id", TextType.Int64)], null);

        var error = Assert.Throws<TextDataException>(() => format.Read(Utf8("id,name\n1,a\n"), schema, 10, CancellationToken.None).ToList());

        Assert.Equal(1, error.Line);
    }
}
