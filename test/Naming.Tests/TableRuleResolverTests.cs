using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

/// <summary>Grouping under a <see cref="KeyLayout"/>: Hive partition folders and table rules.</summary>
public sealed class TableRuleResolverTests
{
    private static readonly string[] DuckDbSales =
    [
        "sales/year=2023/month=1/data_0.parquet",
        "sales/year=2023/month=2/data_0.parquet",
        "sales/year=2024/month=1/data_0.parquet",
        "sales/year=2024/month=2/data_0.parquet",
        "sales/year=2024/month=3/data_0.parquet",
    ];

    [Fact]
    public void Group_DuckDbPartitionedLayoutByDefault_IsOneTableInListingOrder()
    {
        var grouping = TableNameResolver.Group(DuckDbSales);

        var table = Assert.Single(grouping.Tables);
        Assert.Equal("sales", table.Key);
        Assert.Equal(DuckDbSales, table.Value);
        Assert.Empty(grouping.Collisions);
    }

    [Fact]
    public void Group_DuckDbPartitionedLayoutWithHiveDisabled_GivesTodaysNamePerFolder()
    {
        var grouping = TableNameResolver.Group(DuckDbSales, new KeyLayout { Hive = HivePartitioning.Disabled });

        Assert.Equal(
            ["sales_year_2023_month_1", "sales_year_2023_month_2", "sales_year_2024_month_1", "sales_year_2024_month_2", "sales_year_2024_month_3"],
            grouping.Tables.Keys);
        Assert.Equal(["sales/year=2023/month=1/data_0.parquet"], grouping.Tables["sales_year_2023_month_1"]);
    }

    [Fact]
    public void Group_DefaultOverload_EqualsExplicitDefaultLayout()
    {
        string[] keys = [.. DuckDbSales, "events/dt=2024-01-01/part-0.parquet", "orders.parquet"];

        var implicitLayout = TableNameResolver.Group(keys);
        var explicitLayout = TableNameResolver.Group(keys, KeyLayout.Default);

        Assert.Equal(implicitLayout.Tables, explicitLayout.Tables);
        Assert.Equal(["events", "orders", "sales"], implicitLayout.Tables.Keys);
    }

    [Fact]
    public void Group_PartitionedAndUnpartitionedFilesOfOneFolder_ShareTable()
    {
        string[] keys = ["events/dt=2024-01-01/part-0.parquet", "events/part-1.parquet", "events/dt=2024-01-02/part-0.parquet"];

        var grouping = TableNameResolver.Group(keys);

        Assert.Equal(keys, Assert.Single(grouping.Tables).Value);
    }

    [Fact]
    public void Group_RootLevelPartitionFolders_FormOneFallbackTable()
    {
        string[] keys = ["dt=2024-01-01/a.parquet", "dt=2024-01-02/b.parquet", "other/c.parquet"];

        var grouping = TableNameResolver.Group(keys);

        Assert.Equal(["dt=2024-01-01/a.parquet", "dt=2024-01-02/b.parquet"], grouping.Tables["table_e3b0c442"]);
        Assert.Equal(["other/c.parquet"], grouping.Tables["other"]);
    }

    [Fact]
    public void Group_HiddenKeys_AreGroupedLikeAnyOther()
    {
        // Filtering hidden keys is the caller's job; naming neither drops nor renames them.
        string[] keys = ["sales/_temporary/x.parquet", "sales/year=2023/y.parquet"];

        var grouping = TableNameResolver.Group(keys);

        Assert.Equal(["sales/year=2023/y.parquet"], grouping.Tables["sales"]);
        Assert.Equal(["sales/_temporary/x.parquet"], grouping.Tables["sales_temporary"]);
        Assert.Equal("temporary or metadata segment \"_temporary\"", HiddenKeys.Reason(keys[0]));
    }

    [Fact]
    public void Group_RuleMatchingTwoPrefixes_MergesThemIntoOneTableInListingOrder()
    {
        string[] keys = ["logs/app-web/1.parquet", "logs/app-api/dt=1/2.parquet", "logs/app-web/3.parquet", "other/4.parquet"];
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("logs/app-*/**"), "app_logs")] };

        var grouping = TableNameResolver.Group(keys, layout);

        Assert.Equal(["app_logs", "other"], grouping.Tables.Keys);
        Assert.Equal(["logs/app-web/1.parquet", "logs/app-api/dt=1/2.parquet", "logs/app-web/3.parquet"], grouping.Tables["app_logs"]);
        Assert.Empty(grouping.Collisions);
    }

    [Fact]
    public void Group_TwoRulesWithSameName_FillOneTable()
    {
        string[] keys = ["a/1.parquet", "b/2.parquet", "a/3.parquet"];
        var layout = new KeyLayout
        {
            Rules = [new TableRule(KeyGlob.Parse("a/*"), "merged"), new TableRule(KeyGlob.Parse("b/*"), "merged")],
        };

        var grouping = TableNameResolver.Group(keys, layout);

        Assert.Equal(keys, Assert.Single(grouping.Tables).Value);
        Assert.Empty(grouping.Collisions);
    }

    [Fact]
    public void Group_OverlappingRules_FirstMatchWins()
    {
        var layout = new KeyLayout
        {
            Rules = [new TableRule(KeyGlob.Parse("logs/app-*/**"), "app_logs"), new TableRule(KeyGlob.Parse("logs/**"), "all_logs")],
        };

        var grouping = TableNameResolver.Group(["logs/app-1/x.parquet", "logs/db/y.parquet"], layout);

        Assert.Equal(["logs/app-1/x.parquet"], grouping.Tables["app_logs"]);
        Assert.Equal(["logs/db/y.parquet"], grouping.Tables["all_logs"]);
    }

    [Fact]
    public void Group_RuleName_IsVerbatimNotNormalized()
    {
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("**"), "My_Table_")] };

        var grouping = TableNameResolver.Group(["x/y.parquet"], layout);

        Assert.Equal(["My_Table_"], grouping.Tables.Keys);
    }

    [Fact]
    public void Group_RuleMatchingNoKey_AddsNoTable()
    {
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("nothing/**"), "empty")] };

        var grouping = TableNameResolver.Group(["sales/x.parquet"], layout);

        Assert.Equal(["sales"], grouping.Tables.Keys);
    }

    [Fact]
    public void Group_RuleMatchingNonCandidate_IgnoresIt()
    {
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("data/**"), "data_files")] };

        var grouping = TableNameResolver.Group(["data/x.csv", "data/_SUCCESS"], layout);

        Assert.Empty(grouping.Tables);
    }

    [Fact]
    public void Group_DefaultNameFoldingToRuleName_CollidesAndNamesRule()
    {
        string[] keys = ["logs/app-1/x.parquet", "Logs/y.parquet", "other/z.parquet"];
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("logs/app-*/**"), "logs")] };

        var grouping = TableNameResolver.Group(keys, layout);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal("Logs", collision.TableName);
        Assert.Equal(["Logs", "logs"], collision.TableNames);
        Assert.Equal(["Logs/", "rule \"logs/app-*/**\""], collision.SourcePrefixes);
        Assert.Equal(
            "table \"Logs\": keys under prefix \"Logs/\" and keys matched by rule \"logs/app-*/**\" map to names "
            + "that differ only in letter case (\"Logs\", \"logs\"), which case-insensitive destinations would merge; "
            + "rename a prefix or a rule's table, or narrow path_prefix",
            collision.Message);
        Assert.Equal(["other"], grouping.Tables.Keys);
    }

    [Fact]
    public void Group_DefaultNameEqualToRuleName_Collides()
    {
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("a/*"), "sales")] };

        var grouping = TableNameResolver.Group(["a/1.parquet", "sales/year=2024/2.parquet"], layout);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal(["sales"], collision.TableNames);
        Assert.Equal(["sales/", "rule \"a/*\""], collision.SourcePrefixes);
        Assert.Empty(grouping.Tables);
    }

    [Fact]
    public void Group_RuleNamesDifferingOnlyInCase_Collide()
    {
        var layout = new KeyLayout
        {
            Rules = [new TableRule(KeyGlob.Parse("a/*"), "Logs"), new TableRule(KeyGlob.Parse("b/*"), "logs")],
        };

        var grouping = TableNameResolver.Group(["a/1.parquet", "b/2.parquet"], layout);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal(["Logs", "logs"], collision.TableNames);
        Assert.Equal(["rule \"a/*\"", "rule \"b/*\""], collision.SourcePrefixes);
        Assert.Empty(grouping.Tables);
    }

    [Fact]
    public void Group_CollidingRuleName_ListsOnlyRulesThatMatched()
    {
        var layout = new KeyLayout
        {
            Rules = [new TableRule(KeyGlob.Parse("a/*"), "t"), new TableRule(KeyGlob.Parse("unused/*"), "t")],
        };

        var grouping = TableNameResolver.Group(["a/1.parquet", "t/2.parquet"], layout);

        Assert.Equal(["t/", "rule \"a/*\""], Assert.Single(grouping.Collisions).SourcePrefixes);
    }

    [Fact]
    public void Group_PartitionSourcesFoldingToOneName_StillCollide()
    {
        var grouping = TableNameResolver.Group(["a-b/x=1/1.parquet", "a_b/x=2/2.parquet"]);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal(["a-b/", "a_b/"], collision.SourcePrefixes);
    }

    [Fact]
    public void Group_TableNames_MatchFromKeyWithSameLayout()
    {
        string[] keys = [.. DuckDbSales, "logs/app-1/x.parquet", "dt=1/y.parquet", "z.parquet"];
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("logs/**"), "app_logs")] };

        var grouping = TableNameResolver.Group(keys, layout);

        foreach (var (name, tableKeys) in grouping.Tables)
        {
            Assert.All(tableKeys, key => Assert.Equal(name, TableNames.FromKey(key, layout)));
        }

        Assert.Equal(4, grouping.Tables.Count);
    }

    [Fact]
    public void Group_ManyPartitionedKeysWithRules_KeepsEveryKey()
    {
        var keys = Enumerable.Range(0, 20_000)
            .Select(i => i % 2 == 0 ? $"logs/app-{i % 3}/dt={i % 7}/part-{i:D5}.parquet" : $"sales/year={i % 5}/part-{i:D5}.parquet")
            .ToList();
        var layout = new KeyLayout { Rules = [new TableRule(KeyGlob.Parse("logs/app-*/**"), "app_logs")] };

        var grouping = TableNameResolver.Group(keys, layout);

        Assert.Equal(["app_logs", "sales"], grouping.Tables.Keys);
        Assert.All(grouping.Tables.Values, tableKeys => Assert.Equal(10_000, tableKeys.Count));
    }

    [Fact]
    public void Group_NullLayout_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TableNameResolver.Group([], null!));
    }
}
