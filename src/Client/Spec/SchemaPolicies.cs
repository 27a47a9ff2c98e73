namespace CqSourceS3.Client.Spec;

/// <summary>The values of <c>schema_policy</c>: what a table does when its objects' schemas differ.</summary>
public static class SchemaPolicies
{
    /// <summary>The table's schema is the union of its objects' schemas by column name, widened where lossless.</summary>
    public const string UnionByName = "union_by_name";

    /// <summary>Every object must have the same schema; a difference fails the table.</summary>
    public const string Strict = "strict";

    /// <summary>The newest object's schema is the table's; objects with another schema are skipped.</summary>
    public const string SkipFile = "skip_file";
}
