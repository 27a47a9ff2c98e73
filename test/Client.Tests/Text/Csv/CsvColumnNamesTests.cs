using CqSourceS3.Client.Text.Csv;

namespace CqSourceS3.Client.Tests.Text.Csv;

public sealed class CsvColumnNamesTests
{
    [Fact]
    public void Numbered_Three_ColumnZeroToTwo()
    {
        Assert.Equal(["column0", "column1", "column2"], CsvColumnNames.Numbered(3));
    }

    [Fact]
    public void Distinct_RepeatedName_SuffixFromTwo()
    {
        Assert.Equal(["a", "a_2", "a_3"], CsvColumnNames.Distinct(["a", "a", "a"]));
    }

    [Fact]
    public void Distinct_SuffixTakenByAWrittenName_SkipsIt()
    {
        Assert.Equal(["a", "a_3", "a_2"], CsvColumnNames.Distinct(["a", "a", "a_2"]));
    }

    [Fact]
    public void Distinct_EmptyName_BecomesItsPosition()
    {
        Assert.Equal(["column0", "b", "column2"], CsvColumnNames.Distinct(["", "b", ""]));
    }

    [Fact]
    public void Distinct_EmptyNameWhosePositionIsTaken_IsSuffixed()
    {
        Assert.Equal(["column1", "column1_2"], CsvColumnNames.Distinct(["column1", ""]));
    }

    [Fact]
    public void Distinct_NamesDifferingInCase_AreDistinct()
    {
        Assert.Equal(["A", "a"], CsvColumnNames.Distinct(["A", "a"]));
    }
}
