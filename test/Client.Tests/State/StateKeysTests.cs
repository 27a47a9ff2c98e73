using CqSourceS3.Client.Sharding;
using CqSourceS3.Client.State;

namespace CqSourceS3.Client.Tests.State;

public sealed class StateKeysTests
{
    [Theory]
    [InlineData("s3://sales", "orders", "cq-source-s3/v1/s3://sales/orders")]
    [InlineData("/data/exports", "orders", "cq-source-s3/v1//data/exports/orders")]
    [InlineData("C:\\exports", "t", "cq-source-s3/v1/C:\\exports/t")]
    public void ForTable_LocationAndTable_FollowsScheme(string location, string table, string expected)
    {
        Assert.Equal(expected, StateKeys.ForTable(location, table));
    }

    [Fact]
    public void ForTable_DifferentBuckets_DifferentKeys()
    {
        Assert.NotEqual(StateKeys.ForTable("s3://a", "t"), StateKeys.ForTable("s3://b", "t"));
    }

    [Fact]
    public void ForTable_Shard_AppendsItsNumberAndTotalSoEachShardAndEachTotalHasItsOwnCursor()
    {
        Assert.Equal("cq-source-s3/v1/s3://sales/orders#shard=2/4", StateKeys.ForTable("s3://sales", "orders", SyncShard.Create(2, 4)));
        Assert.Equal(
            4,
            new[] { StateKeys.ForTable("s3://sales", "orders"), StateKeys.ForTable("s3://sales", "orders", SyncShard.Create(1, 2)), StateKeys.ForTable("s3://sales", "orders", SyncShard.Create(2, 2)), StateKeys.ForTable("s3://sales", "orders", SyncShard.Create(1, 3)) }.Distinct().Count());
    }

    [Theory]
    [InlineData("", "t")]
    [InlineData("s3://a", "")]
    [InlineData("s3://a", "x/y")]
    public void ForTable_EmptyOrSlashInTable_Throws(string location, string table)
    {
        Assert.ThrowsAny<ArgumentException>(() => StateKeys.ForTable(location, table));
    }
}
