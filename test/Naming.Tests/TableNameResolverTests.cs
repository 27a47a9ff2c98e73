using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class TableNameResolverTests
{
    [Fact]
    public void Group_FilesUnderOneDirectory_FormOneTableInGivenOrder()
    {
        string[] keys = ["sales/2024/b.parquet", "sales/2024/a.parquet", "sales/2024/c.PARQUET"];

        var grouping = TableNameResolver.Group(keys);

        var table = Assert.Single(grouping.Tables);
        Assert.Equal("sales_2024", table.Key);
        Assert.Equal(keys, table.Value);
        Assert.Empty(grouping.Collisions);
    }

    [Fact]
    public void Group_SeveralDirectoriesAndRootFiles_OneTablePerSourceInOrdinalOrder()
    {
        string[] keys = ["zeta/1.parquet", "orders.parquet", "Alpha/1.parquet", "zeta/2.parquet", "beta/x/1.parquet"];

        var grouping = TableNameResolver.Group(keys);

        Assert.Equal(["Alpha", "beta_x", "orders", "zeta"], grouping.Tables.Keys);
        Assert.Equal(["zeta/1.parquet", "zeta/2.parquet"], grouping.Tables["zeta"]);
        Assert.Equal(["orders.parquet"], grouping.Tables["orders"]);
    }

    [Fact]
    public void Group_NonCandidateKeys_AreIgnored()
    {
        string[] keys = ["data/", "data/x.csv", "data/.parquet", "data/_SUCCESS", "data/x.parquet"];

        var grouping = TableNameResolver.Group(keys);

        Assert.Equal(["data/x.parquet"], Assert.Single(grouping.Tables).Value);
    }

    [Fact]
    public void Group_NoKeys_ReturnsEmptyGrouping()
    {
        var grouping = TableNameResolver.Group([]);

        Assert.Empty(grouping.Tables);
        Assert.Empty(grouping.Collisions);
    }

    [Fact]
    public void Group_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TableNameResolver.Group(null!));
    }

    [Fact]
    public void Group_DashAndUnderscorePrefixes_CollideAndAreNotTables()
    {
        string[] keys = ["a-b/x.parquet", "a_b/y.parquet", "other/z.parquet"];

        var grouping = TableNameResolver.Group(keys);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal("a_b", collision.TableName);
        Assert.Equal(["a-b/", "a_b/"], collision.SourcePrefixes);
        Assert.Equal(
            "table \"a_b\": keys under prefixes \"a-b/\" and \"a_b/\" normalize to the same name; "
            + "rename one prefix or narrow path_prefix",
            collision.Message);
        Assert.Equal(["other"], grouping.Tables.Keys);
    }

    [Fact]
    public void Group_NamesDifferingOnlyInCase_Collide()
    {
        string[] keys = ["sales/x.parquet", "Sales/y.parquet"];

        var grouping = TableNameResolver.Group(keys);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal("Sales", collision.TableName);
        Assert.Equal(["Sales", "sales"], collision.TableNames);
        Assert.Equal(["Sales/", "sales/"], collision.SourcePrefixes);
        Assert.Empty(grouping.Tables);
    }

    [Fact]
    public void Group_RootFileAndFolderOfSameName_Collide()
    {
        string[] keys = ["x.parquet", "x/part-0.parquet"];

        var grouping = TableNameResolver.Group(keys);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal("x", collision.TableName);
        Assert.Equal(["x.parquet", "x/"], collision.SourcePrefixes);
        Assert.Empty(grouping.Tables);
    }

    [Fact]
    public void Group_RootFilesDifferingInExtensionCase_Collide()
    {
        var grouping = TableNameResolver.Group(["x.PARQUET", "x.parquet"]);

        Assert.Equal(["x.PARQUET", "x.parquet"], Assert.Single(grouping.Collisions).SourcePrefixes);
    }

    [Fact]
    public void Group_DoubleSlashAndSingleSlashPrefixes_Collide()
    {
        var grouping = TableNameResolver.Group(["a//b/x.parquet", "a/b/y.parquet"]);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal("a_b", collision.TableName);
        Assert.Equal(["a//b/", "a/b/"], collision.SourcePrefixes);
    }

    [Fact]
    public void Group_ManyKeysPerCollidingSource_ListEachSourceOnce()
    {
        string[] keys = ["a-b/1.parquet", "a-b/2.parquet", "a.b/1.parquet", "a_b/1.parquet", "a_b/2.parquet"];

        var grouping = TableNameResolver.Group(keys);

        var collision = Assert.Single(grouping.Collisions);
        Assert.Equal(["a-b/", "a.b/", "a_b/"], collision.SourcePrefixes);
        Assert.Contains("prefixes \"a-b/\", \"a.b/\" and \"a_b/\" normalize", collision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_SeveralCollisions_AreSortedByTableName()
    {
        string[] keys = ["z-z/1.parquet", "z_z/1.parquet", "a-a/1.parquet", "a_a/1.parquet", "m/1.parquet"];

        var grouping = TableNameResolver.Group(keys);

        Assert.Equal(["a_a", "z_z"], grouping.Collisions.Select(collision => collision.TableName));
        Assert.Equal(["m"], grouping.Tables.Keys);
    }

    [Fact]
    public void Group_LongNamesSharingPrefix_StaySeparateTables()
    {
        var shared = new string('p', 60);
        string[] keys = [$"{shared}_one/1.parquet", $"{shared}_two/1.parquet"];

        var grouping = TableNameResolver.Group(keys);

        Assert.Empty(grouping.Collisions);
        Assert.Equal(2, grouping.Tables.Count);
        Assert.All(grouping.Tables.Keys, name => Assert.Equal(TableNames.MaxLength, name.Length));
    }

    [Fact]
    public void Group_TableNames_MatchFromKeyForEveryKey()
    {
        string[] keys = ["My File.v2.PARQUET", "sales/2024/orders/part-0001.parquet", "---/x.parquet", "日本/x.parquet"];

        var grouping = TableNameResolver.Group(keys);

        foreach (var (name, tableKeys) in grouping.Tables)
        {
            Assert.All(tableKeys, key => Assert.Equal(name, TableNames.FromKey(key)));
        }

        Assert.Equal(keys.Length, grouping.Tables.Count);
    }

    [Fact]
    public void Group_ManyKeysAcrossFewDirectories_KeepsEveryKey()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => $"dir{i % 4}/part-{i:D5}.parquet").ToList();

        var grouping = TableNameResolver.Group(keys);

        Assert.Equal(["dir0", "dir1", "dir2", "dir3"], grouping.Tables.Keys);
        Assert.All(grouping.Tables.Values, tableKeys => Assert.Equal(5_000, tableKeys.Count));
    }
}
