using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class HiddenKeysTests
{
    [Theory]
    [InlineData("sales/year=2023/month=1/data_0.parquet")]
    [InlineData("events/dt=2024-01-01/part-0.parquet")]
    [InlineData("sales/_x=1/part-0.parquet")]
    [InlineData("_x=1/part-0.parquet")]
    [InlineData("orders.parquet")]
    [InlineData("a//b/x.parquet")]
    [InlineData("/x.parquet")]
    [InlineData("sales/")]
    [InlineData("sales/x_.parquet")]
    [InlineData("sales/x.parquet.crc")]
    [InlineData("sales._COPYING_/x.parquet")]
    [InlineData("sales/x._copying_")]
    public void Reason_VisibleKey_IsNull(string key)
    {
        Assert.Null(HiddenKeys.Reason(key));
    }

    [Theory]
    [InlineData("sales/.spark-staging/x.parquet", "hidden segment \".spark-staging\"")]
    [InlineData("sales/.part-0.parquet.crc", "hidden segment \".part-0.parquet.crc\"")]
    [InlineData(".hidden.parquet", "hidden segment \".hidden.parquet\"")]
    [InlineData("sales/.x=1/part-0.parquet", "hidden segment \".x=1\"")]
    [InlineData("sales/_temporary/x.parquet", "temporary or metadata segment \"_temporary\"")]
    [InlineData("sales/_temporary/0/_temporary/attempt_1/part-0.parquet", "temporary or metadata segment \"_temporary\"")]
    [InlineData("sales/_SUCCESS", "temporary or metadata segment \"_SUCCESS\"")]
    [InlineData("_SUCCESS", "temporary or metadata segment \"_SUCCESS\"")]
    [InlineData("table/_delta_log/00000.json", "temporary or metadata segment \"_delta_log\"")]
    [InlineData("sales/_committed_123", "temporary or metadata segment \"_committed_123\"")]
    [InlineData("sales/_temporary/", "temporary or metadata segment \"_temporary\"")]
    [InlineData("sales/x.parquet._COPYING_", "copy in progress (\"._COPYING_\")")]
    [InlineData("x.parquet._COPYING_", "copy in progress (\"._COPYING_\")")]
    public void Reason_HiddenKey_NamesOffendingSegment(string key, string expected)
    {
        Assert.Equal(expected, HiddenKeys.Reason(key));
    }

    [Fact]
    public void Reason_SeveralHiddenSegments_NamesFirst()
    {
        Assert.Equal(
            "hidden segment \".staging\"",
            HiddenKeys.Reason("sales/.staging/_temporary/x.parquet._COPYING_"));
    }

    [Fact]
    public void Reason_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => HiddenKeys.Reason(null!));
    }
}
