namespace CqSourceS3.Client.Spec;

/// <summary>The values of <c>hive_partitioning</c> (a YAML <c>true</c>/<c>false</c> arrives as a boolean and is read as the word).</summary>
public static class HivePartitioningModes
{
    /// <summary>Partition folders become columns; a table whose objects have different partition names fails.</summary>
    public const string Auto = "auto";

    /// <summary>As <see cref="Auto"/>, and objects without partition folders are read too, their partition columns null.</summary>
    public const string On = "true";

    /// <summary>No partition columns: tables are named from the whole folder.</summary>
    public const string Off = "false";
}
