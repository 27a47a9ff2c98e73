using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class AppendedColumnTests
{
    [Fact]
    public void Partition_TakesTheNameIndexAndTheHiveTypesArrowType()
    {
        var column = AppendedColumn.Partition("month", 1, HiveValueType.Int32);

        Assert.Equal(("month", AppendedColumnKind.Partition, 1), (column.Name, column.Kind, column.PartitionIndex));
        Assert.IsType<Int32Type>(column.Type);
        Assert.Equal("partition column", column.Role);
    }

    [Fact]
    public void Partition_NegativeIndexOrEmptyName_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AppendedColumn.Partition("month", -1, HiveValueType.Utf8));
        Assert.Throws<ArgumentException>(() => AppendedColumn.Partition("", 0, HiveValueType.Utf8));
    }

    [Theory]
    [InlineData("key", "_source_key", "SourceKey")]
    [InlineData("last_modified", "_source_last_modified", "SourceLastModified")]
    [InlineData("etag", "_source_etag", "SourceEtag")]
    [InlineData("version_id", "_source_version_id", "SourceVersionId")]
    [InlineData("row", "_source_row", "SourceRow")]
    public void Lineage_EachColumn_HasItsNameKindAndTypeAndNoPartitionIndex(string specValue, string name, string kindName)
    {
        Assert.True(LineageColumns.TryParse(specValue, out var lineage));
        var kind = Enum.Parse<AppendedColumnKind>(kindName);

        var column = AppendedColumn.Lineage(lineage);

        Assert.Equal((name, kind, -1), (column.Name, column.Kind, column.PartitionIndex));
        Assert.Same(LineageColumns.ArrowType(lineage), column.Type);
        Assert.Equal("lineage column", column.Role);
    }
}
