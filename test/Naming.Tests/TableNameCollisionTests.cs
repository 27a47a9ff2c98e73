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

    [Fact]
    public void Message_PrefixAndRule_NamesRuleByGlob()
    {
        var collision = new TableNameCollision(["logs"], ["logs/"], ["logs/app-*/**"]);

        Assert.Equal(
            "table \"logs\": keys under prefix \"logs/\" and keys matched by rule \"logs/app-*/**\" map to the "
            + "same name; rename a prefix or a rule's table, or narrow path_prefix",
            collision.Message);
    }

    [Fact]
    public void Message_RulesDifferingInCase_NamesBothRulesAndSpellings()
    {
        var collision = new TableNameCollision(["Logs", "logs"], [], ["a/**", "b/**"]);

        Assert.Equal(
            "table \"Logs\": keys matched by rules \"a/**\" and \"b/**\" map to names that differ only in "
            + "letter case (\"Logs\", \"logs\"), which case-insensitive destinations would merge; "
            + "rename a prefix or a rule's table, or narrow path_prefix",
            collision.Message);
    }

    [Fact]
    public void SourcePrefixes_WithRule_ListsPrefixesThenRules()
    {
        var collision = new TableNameCollision(["logs"], ["Logs/", "logs/"], ["x/**"]);

        Assert.Equal(["Logs/", "logs/", "rule \"x/**\""], collision.SourcePrefixes);
    }
}
