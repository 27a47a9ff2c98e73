namespace CqSourceS3.Client.Spec;

/// <summary>The values of <c>shard_by</c>: what <c>cloudquery sync --shard N/M</c> divides between shards.</summary>
public static class ShardModes
{
    /// <summary>Objects, by a hash of their key: every shard gets an even share of every table.</summary>
    public const string ByObject = "object";

    /// <summary>Whole tables, in contiguous chunks of the tables sorted by name, as the Go SDK does.</summary>
    public const string ByTable = "table";
}
