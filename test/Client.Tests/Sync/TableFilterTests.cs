using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Sync;

namespace CqSourceS3.Client.Tests.Sync;

public sealed class TableFilterTests
{
    private static readonly string[] Known = ["sales_orders", "sales_returns", "hr_people", "logs", "a_b_a"];

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("logs", "logs", true)]
    [InlineData("logs", "Logs", false)]
    [InlineData("logs", "logs2", false)]
    [InlineData("sales_*", "sales_orders", true)]
    [InlineData("sales_*", "sales_", true)]
    [InlineData("sales_*", "hr_sales_x", false)]
    [InlineData("*_orders", "sales_orders", true)]
    [InlineData("*_orders", "sales_orders_x", false)]
    [InlineData("s*s", "sales_returns", true)]
    [InlineData("s*s", "s", false)]
    [InlineData("a*a", "a", false)]
    [InlineData("a*a", "aa", true)]
    [InlineData("*a*b*", "xxaxxbxx", true)]
    [InlineData("*a*b*", "xxbxxaxx", false)]
    [InlineData("a**b", "ab", true)]
    [InlineData("*_*_*", "a_b_a", true)]
    [InlineData("*_*_*", "a_b", false)]
    [InlineData("a?c", "abc", false)]
    [InlineData("a?c", "a?c", true)]
    [InlineData("[ab]", "a", false)]
    public void Matches_Pattern_FollowsStarOnlyGlob(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, TableFilter.Matches(pattern, name));
    }

    [Theory]
    [InlineData(new[] { "*" }, new string[0], new[] { "a_b_a", "hr_people", "logs", "sales_orders", "sales_returns" })]
    [InlineData(new[] { "sales_*" }, new string[0], new[] { "sales_orders", "sales_returns" })]
    [InlineData(new[] { "*" }, new[] { "sales_*" }, new[] { "a_b_a", "hr_people", "logs" })]
    [InlineData(new[] { "logs", "hr_people" }, new string[0], new[] { "hr_people", "logs" })]
    [InlineData(new[] { "logs", "*s" }, new[] { "logs" }, new[] { "sales_orders", "sales_returns" })]
    [InlineData(new[] { "sales_orders" }, new[] { "sales_*" }, new string[0])]
    [InlineData(new string[0], new string[0], new string[0])]
    public void Select_IncludeAndSkip_SkipWinsAndOrderIsOrdinal(string[] include, string[] skip, string[] expected)
    {
        Assert.Equal(expected, TableFilter.Select(Known, include, skip));
    }

    [Fact]
    public void Select_DuplicateKnownNames_ReturnedOnce()
    {
        Assert.Equal(["logs"], TableFilter.Select(["logs", "logs"], ["*"], []));
    }

    [Fact]
    public void Select_IncludePatternWithoutMatch_ThrowsGoSdkMessage()
    {
        var ex = Assert.Throws<TableFilterException>(() => TableFilter.Select(Known, ["sales_*", "nope*"], []));

        Assert.Equal("tables include a pattern nope* with no matches", ex.Message);
        Assert.Equal(("tables", "nope*"), (ex.Option, ex.Pattern));
    }

    [Fact]
    public void Select_SkipPatternWithoutMatch_ThrowsGoSdkMessage()
    {
        var ex = Assert.Throws<TableFilterException>(() => TableFilter.Select(Known, ["*"], ["Logs"]));

        Assert.Equal("skip_tables include a pattern Logs with no matches", ex.Message);
        Assert.Equal("skip_tables", ex.Option);
    }

    [Fact]
    public void Select_NoKnownTables_StarIsAnErrorLikeTheGoSdk()
    {
        Assert.Throws<TableFilterException>(() => TableFilter.Select([], ["*"], []));
    }

    [Fact]
    public void Select_EmptyIncludeWithUnmatchedSkip_StillChecksSkip()
    {
        Assert.Throws<TableFilterException>(() => TableFilter.Select(Known, [], ["nothing"]));
    }

    [Fact]
    public void Select_StarOverAnEmptyPrefix_NamesBucketPrefixAndIgnoredObjects()
    {
        var discovery = new DiscoveryResult([], [], new IgnoredObjects(2, 0, 0)) { Location = "s3://my-bucket", Prefix = "exports/" };

        var ex = Assert.Throws<TableFilterException>(() => TableFilter.Select(discovery, ["*"], []));

        Assert.Equal(
            "tables include a pattern * with no matches: there are no Parquet objects in s3://my-bucket under path_prefix \"exports/\" " +
            "(2 other objects there do not end in .parquet); check the bucket or folder and path_prefix",
            ex.Message);
        Assert.Equal(("s3://my-bucket", "exports/"), (ex.Location, ex.Prefix));
    }

    [Fact]
    public void Select_StarOverAnEmptyFolder_NamesTheFolder()
    {
        var discovery = new DiscoveryResult([], [], IgnoredObjects.None) { Location = "/data/parquet" };

        var ex = Assert.Throws<TableFilterException>(() => TableFilter.Select(discovery, ["*"], []));

        Assert.Equal("tables include a pattern * with no matches: there are no Parquet objects in /data/parquet; check the bucket or folder and path_prefix", ex.Message);
    }

    [Fact]
    public void Select_PatternMissingAmongFoundTables_SaysHowManyWereFoundWhere()
    {
        var discovery = new DiscoveryResult([.. Known.Select(n => new DiscoveredTable(n, [], null))], [], IgnoredObjects.None) { Location = "s3://b", Prefix = "x/" };

        var ex = Assert.Throws<TableFilterException>(() => TableFilter.Select(discovery, ["sales_*"], ["nope"]));

        Assert.Equal("skip_tables include a pattern nope with no matches among the 5 tables found in s3://b under path_prefix \"x/\"", ex.Message);
    }
}
