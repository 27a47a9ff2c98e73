using CqSourceS3.Client.Spec;

namespace CqSourceS3.Client.Tests.Spec;

/// <summary>Two specs that say the same are equal, although their lists and maps are different instances.</summary>
public class SourceSpecEqualityTests
{
    private static SourceSpec Lake() => new()
    {
        Bucket = "b",
        Include = ["a/**", "b/**"],
        HiveTypes = new Dictionary<string, string> { ["year"] = "int32", ["day"] = "date32" },
        TableRules = [new TableRuleSpec("a/**", "a")],
        LineageColumns = ["key"],
    };

    [Fact]
    public void Equals_SameValuesInNewInstances_IsEqualWithEqualHash()
    {
        var other = Lake() with { HiveTypes = new Dictionary<string, string> { ["day"] = "date32", ["year"] = "int32" } };

        Assert.Equal(Lake(), other);
        Assert.Equal(Lake().GetHashCode(), other.GetHashCode());
    }

    [Fact]
    public void Equals_ListItemsInAnotherOrder_IsNotEqual()
    {
        Assert.NotEqual(Lake(), Lake() with { Include = ["b/**", "a/**"] });
    }

    [Fact]
    public void Equals_MapValueDiffers_IsNotEqual()
    {
        Assert.NotEqual(Lake(), Lake() with { HiveTypes = new Dictionary<string, string> { ["year"] = "int64", ["day"] = "date32" } });
    }

    [Fact]
    public void Equals_TableRuleDiffers_IsNotEqual()
    {
        Assert.NotEqual(Lake(), Lake() with { TableRules = [new TableRuleSpec("a/**", "b")] });
    }

    [Fact]
    public void Equals_ScalarDiffers_IsNotEqual()
    {
        Assert.NotEqual(Lake(), Lake() with { IgnoreHidden = false });
    }
}
