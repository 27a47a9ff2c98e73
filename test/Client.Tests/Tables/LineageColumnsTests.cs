using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Client.Tests.Tables;

public sealed class LineageColumnsTests
{
    [Fact]
    public void SpecValues_AreTheSpecsSpellingsInEnumOrder()
    {
        Assert.Equal(["key", "last_modified", "etag", "version_id", "row"], LineageColumns.SpecValues);
        Assert.Equal(LineageColumns.SpecValues, Enum.GetValues<LineageColumn>().Select(LineageColumns.SpecValue));
    }

    [Fact]
    public void TryParse_EverySpecValue_RoundTrips()
    {
        foreach (var column in Enum.GetValues<LineageColumn>())
        {
            Assert.True(LineageColumns.TryParse(LineageColumns.SpecValue(column), out var parsed));
            Assert.Equal(column, parsed);
        }
    }

    [Theory]
    [InlineData("Key")]
    [InlineData("_source_key")]
    [InlineData("lastmodified")]
    [InlineData("")]
    public void TryParse_UnknownValue_Fails(string value)
    {
        Assert.False(LineageColumns.TryParse(value, out _));
    }

    [Fact]
    public void ColumnName_IsTheSourcePrefixAndTheSpecValue()
    {
        Assert.Equal(
            ["_source_key", "_source_last_modified", "_source_etag", "_source_version_id", "_source_row"],
            Enum.GetValues<LineageColumn>().Select(LineageColumns.ColumnName));
    }

    [Fact]
    public void ArrowType_EachColumn_IsItsDocumentedType()
    {
        Assert.IsType<StringType>(LineageColumns.ArrowType(LineageColumn.Key));
        var modified = Assert.IsType<TimestampType>(LineageColumns.ArrowType(LineageColumn.LastModified));
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (modified.Unit, modified.Timezone));
        Assert.IsType<StringType>(LineageColumns.ArrowType(LineageColumn.Etag));
        Assert.IsType<StringType>(LineageColumns.ArrowType(LineageColumn.VersionId));
        Assert.IsType<Int64Type>(LineageColumns.ArrowType(LineageColumn.Row));
    }

    [Fact]
    public void KindOf_AndTryOf_AreInverses()
    {
        foreach (var column in Enum.GetValues<LineageColumn>())
        {
            Assert.True(LineageColumns.TryOf(LineageColumns.KindOf(column), out var back));
            Assert.Equal(column, back);
        }

        Assert.False(LineageColumns.TryOf(AppendedColumnKind.Partition, out _));
    }
}
