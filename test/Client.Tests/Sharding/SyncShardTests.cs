using CqSourceS3.Client.Sharding;

namespace CqSourceS3.Client.Tests.Sharding;

/// <summary><see cref="SyncShard"/>: the CloudQuery CLI's rules for <c>N/M</c>, and the state key suffix of a shard.</summary>
public sealed class SyncShardTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(4, 4)]
    [InlineData(7, 7)]
    public void Create_PossibleShard_KeepsBothNumbers(int num, int total)
    {
        var shard = SyncShard.Create(num, total);

        Assert.Equal((num, total), (shard.Num, shard.Total));
        Assert.Equal($"{num}/{total}", shard.ToString());
    }

    [Theory]
    [InlineData(0, 4, "invalid shard 0/4: the shard number must be at least 1")]
    [InlineData(-2, 4, "invalid shard -2/4: the shard number must be at least 1")]
    [InlineData(5, 4, "invalid shard 5/4: the shard number must not be greater than the total")]
    [InlineData(1, 0, "invalid shard 1/0: the total must be at least 1")]
    [InlineData(0, 0, "invalid shard 0/0: the total must be at least 1")]
    public void Create_ImpossibleShard_ThrowsARequestErrorSayingWhy(int num, int total, string message)
    {
        var error = Assert.Throws<InvalidShardException>(() => SyncShard.Create(num, total));

        Assert.Equal(message, error.Message);
        Assert.Equal(FailureKind.Request, error.Kind);
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData("1/1", 1, 1)]
    [InlineData("10/12", 10, 12)]
    public void TryParse_NOverM_IsThatShard(string text, int num, int total)
    {
        Assert.True(SyncShard.TryParse(text, out var shard, out var problem));

        Assert.Null(problem);
        Assert.Equal(SyncShard.Create(num, total), shard);
    }

    [Theory]
    [InlineData("2", "must be N/M, two whole numbers such as 2/4 (shard 2 of 4)")]
    [InlineData("2/4/1", "must be N/M, two whole numbers such as 2/4 (shard 2 of 4)")]
    [InlineData("a/4", "must be N/M, two whole numbers such as 2/4 (shard 2 of 4)")]
    [InlineData("-1/4", "must be N/M, two whole numbers such as 2/4 (shard 2 of 4)")]
    [InlineData(" 2/4", "must be N/M, two whole numbers such as 2/4 (shard 2 of 4)")]
    [InlineData("", "must be N/M, two whole numbers such as 2/4 (shard 2 of 4)")]
    [InlineData("0/4", "the shard number must be at least 1")]
    [InlineData("5/4", "the shard number must not be greater than the total")]
    [InlineData("1/0", "the total must be at least 1")]
    public void TryParse_NotAShard_SaysWhy(string text, string expected)
    {
        Assert.False(SyncShard.TryParse(text, out var shard, out var problem));

        Assert.Null(shard);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void StateKeySuffix_NamesNumAndTotal()
    {
        Assert.Equal("#shard=2/4", SyncShard.Create(2, 4).StateKeySuffix);
    }
}
