using System.Globalization;
using CqSourceS3.Client.Sharding;

namespace CqSourceS3.Client.Tests.Sharding;

/// <summary>
/// <see cref="ObjectShardHash"/> is a contract between releases: shards of different versions must put every key in
/// the same shard. The published XxHash64 test vectors check the hash itself; the pinned keys below check the whole
/// rule (UTF-8 bytes, seed 0, 1-based modulo) and must never change.
/// </summary>
public sealed class ObjectShardHashTests
{
    [Theory]
    // XXH64("", seed 0) = 0xEF46DB3751D8E999; XXH64("a") = 0xD24EC4F1A98C6E5B; XXH64("abc") = 0x44BC2CF5AD770999.
    [InlineData("", 4, 2)]
    [InlineData("a", 4, 4)]
    [InlineData("abc", 4, 2)]
    [InlineData("", 7, 7)]
    [InlineData("a", 7, 7)]
    [InlineData("abc", 7, 1)]
    public void ShardOf_PublishedXxHash64Vectors_IsOnePlusTheHashModuloTotal(string key, int total, int shard)
    {
        Assert.Equal(shard, ObjectShardHash.ShardOf(key, total));
    }

    // Cross-checked with another XXH64 implementation (Python's xxhash, xxh64_intdigest(key.encode("utf-8"), seed=0)).
    [Theory]
    [InlineData("logs/part-00.parquet", 4, 2)]
    [InlineData("sales/year=2024/month=11/data_0.parquet", 4, 3)]
    [InlineData("données/été/ß.parquet", 4, 1)]
    [InlineData("logs/part-00.parquet", 7, 2)]
    [InlineData("sales/year=2024/month=11/data_0.parquet", 7, 6)]
    [InlineData("données/été/ß.parquet", 7, 1)]
    public void ShardOf_PinnedKeys_NeverMove(string key, int total, int shard)
    {
        Assert.Equal(shard, ObjectShardHash.ShardOf(key, total));
    }

    [Fact]
    public void ShardOf_OneShard_IsAlwaysOne()
    {
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(1, ObjectShardHash.ShardOf(Key(i), 1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void ShardOf_TenThousandKeysOfOneFolder_EveryShardHoldsItsShareWithinThreePercentagePoints(int total)
    {
        var counts = Enumerable.Range(0, 10_000).GroupBy(i => ObjectShardHash.ShardOf(Key(i), total)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enumerable.Range(1, total), counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.InRange(count / 10_000.0, (1.0 / total) - 0.03, (1.0 / total) + 0.03));
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"bench_small_files/part-{i:00000}.parquet");
}
