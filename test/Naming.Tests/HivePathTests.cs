using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class HivePathTests
{
    [Theory]
    [InlineData("sales/year=2023/month=1/data_0.parquet", "sales/")]
    [InlineData("events/dt=2024-01-01/part-0.parquet", "events/")]
    [InlineData("lake/raw/sales/year=2023/x.parquet", "lake/raw/sales/")]
    [InlineData("dt=2024/x.parquet", "")]
    [InlineData("_x=1/part-0.parquet", "")]
    [InlineData("t/a=1/extra/b=2/x.parquet", "t/")]
    [InlineData("sales/2024/x.parquet", "sales/2024/")]
    [InlineData("orders.parquet", "orders.parquet")]
    [InlineData("sales/year=2023", "sales/")]
    [InlineData("sales/2024=x/x.parquet", "sales/2024=x/")]
    [InlineData("sales/=x/x.parquet", "sales/=x/")]
    [InlineData("sales/a-b=1/x.parquet", "sales/a-b=1/")]
    [InlineData("sales/year=2023/", "sales/")]
    [InlineData("/dt=1/x.parquet", "/")]
    public void TableSourceLength_Key_EndsBeforeFirstPartitionFolder(string key, string expectedSource)
    {
        Assert.Equal(expectedSource, key[..HivePath.TableSourceLength(key)]);
    }

    [Fact]
    public void TableSourceLength_KeyWithoutPartitions_IsTodaysSourcePrefixLength()
    {
        string[] keys = ["a-b/c/x.parquet", "a//b/x.parquet", "/x.parquet", "orders.parquet", "x=1.parquet"];

        Assert.All(keys, key => Assert.Equal(TableNames.SourcePrefixLength(key), HivePath.TableSourceLength(key)));
    }

    [Fact]
    public void Partitions_DuckDbLayout_ReturnsNamesAndValuesInKeyOrder()
    {
        var partitions = HivePath.Partitions("sales/year=2023/month=1/data_0.parquet");

        Assert.Equal([new HivePartition("year", "2023"), new HivePartition("month", "1")], partitions);
    }

    [Fact]
    public void Partitions_DateValue_IsKeptAsText()
    {
        Assert.Equal([new HivePartition("dt", "2024-01-01")], HivePath.Partitions("events/dt=2024-01-01/part-0.parquet"));
    }

    [Theory]
    [InlineData("city=S%C3%A3o%20Paulo", "São Paulo")]
    [InlineData("q=a+b", "a+b")]
    [InlineData("q=100%25", "100%")]
    [InlineData("q=a%2Fb", "a/b")]
    [InlineData("q=b=c", "b=c")]
    [InlineData("q=%ZZ", "%ZZ")]
    [InlineData("q=%C3x", "%C3x")]
    [InlineData("q=__hive_default_partition__", "__hive_default_partition__")]
    public void Partitions_EncodedValue_IsPercentDecoded(string segment, string expected)
    {
        var partition = Assert.Single(HivePath.Partitions($"t/{segment}/x.parquet"));

        Assert.Equal(expected, partition.Value);
    }

    [Theory]
    [InlineData("t/x=/a.parquet", "x")]
    [InlineData("t/x=__HIVE_DEFAULT_PARTITION__/a.parquet", "x")]
    public void Partitions_EmptyOrDefaultValue_IsNull(string key, string name)
    {
        Assert.Equal(new HivePartition(name, null), Assert.Single(HivePath.Partitions(key)));
    }

    [Fact]
    public void Partitions_ValueWithEquals_SplitsAtFirstEquals()
    {
        Assert.Equal(new HivePartition("a", "b=c"), Assert.Single(HivePath.Partitions("t/a=b=c/x.parquet")));
    }

    [Fact]
    public void Partitions_OrdinaryFolderAfterFirstPartition_IsSkipped()
    {
        var partitions = HivePath.Partitions("t/a=1/extra/b=2/x.parquet");

        Assert.Equal([new HivePartition("a", "1"), new HivePartition("b", "2")], partitions);
    }

    [Fact]
    public void Partitions_FileNameOfPartitionForm_IsNotAPartition()
    {
        Assert.Equal([new HivePartition("a", "1")], HivePath.Partitions("t/a=1/b=2.parquet"));
    }

    [Theory]
    [InlineData("sales/2024/x.parquet")]
    [InlineData("x=1.parquet")]
    [InlineData("t/2024=x/x.parquet")]
    [InlineData("t/a.b=1/x.parquet")]
    public void Partitions_NoPartitionFolder_IsEmpty(string key)
    {
        Assert.Empty(HivePath.Partitions(key));
    }

    [Fact]
    public void Partitions_UnderscoreNamesAndDigitsAfterFirstChar_AreValidNames()
    {
        var partitions = HivePath.Partitions("t/_x=1/Year2=2/x.parquet");

        Assert.Equal([new HivePartition("_x", "1"), new HivePartition("Year2", "2")], partitions);
    }

    [Fact]
    public void Partitions_RootLevelPartitionFolder_IsIncluded()
    {
        Assert.Equal([new HivePartition("dt", "2024")], HivePath.Partitions("dt=2024/x.parquet"));
    }

    [Fact]
    public void TableSourceLength_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => HivePath.TableSourceLength(null!));
    }

    [Fact]
    public void Partitions_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => HivePath.Partitions(null!));
    }
}
