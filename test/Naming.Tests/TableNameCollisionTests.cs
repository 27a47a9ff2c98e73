using CqSourceS3.Naming;

namespace CqSourceS3.Naming.Tests;

public sealed class TableNameCollisionTests
{
    [Fact]
    public void Message_TwoPrefixesSameName_MatchesDocumentedText()
    {
        var collision = new TableNameCollision(["a_b"], ["a-b/", "a_b/"]);

        Assert.Equal(
            "table \"a_b\": keys under prefixes \"a-b/\" and \"a_b/\" normalize to the same name; "
            + "rename one prefix or narrow path_prefix",
            collision.Message);
    }

    [Fact]
    public void Message_ThreePrefixes_ListsThemWithCommasAndAnd()
    {
        var collision = new TableNameCollision(["a_b"], ["a-b/", "a.b/", "a_b/"]);

        Assert.StartsWith(
            "table \"a_b\": keys under prefixes \"a-b/\", \"a.b/\" and \"a_b/\" normalize to the same name;",
            collision.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Message_CaseOnlyDifference_NamesBothSpellings()
    {
        var collision = new TableNameCollision(["Sales", "sales"], ["Sales/", "sales/"]);

        Assert.Equal(
            "table \"Sales\": keys under prefixes \"Sales/\" and \"sales/\" normalize to names that differ "
            + "only in letter case (\"Sales\", \"sales\"), which case-insensitive destinations would merge; "
            + "rename one prefix or narrow path_prefix",
            collision.Message);
    }

    [Fact]
    public void ToString_ReturnsMessage()
    {
        var collision = new TableNameCollision(["x"], ["x.parquet", "x/"]);

        Assert.Equal(collision.Message, collision.ToString());
    }

    [Fact]
    public void TableName_IsFirstSpelling()
    {
        var collision = new TableNameCollision(["Sales", "sales"], ["Sales/", "sales/"]);

        Assert.Equal("Sales", collision.TableName);
    }
}
