namespace CqSourceS3.Client.Discovery;

/// <summary>What listing the bucket and reading every footer found.</summary>
/// <param name="Tables">Every table, usable or not, ordered by name.</param>
/// <param name="Skipped">Objects whose footer could not be read.</param>
/// <param name="Ignored">Listed objects that belong to no table (not Parquet, hidden, outside include/exclude), by reason.</param>
public sealed record DiscoveryResult(IReadOnlyList<DiscoveredTable> Tables, IReadOnlyList<SkippedObject> Skipped, IgnoredObjects Ignored)
{
    /// <summary>Where it was listed (<c>s3://bucket</c> or the folder), for messages about what was or was not found.</summary>
    public string Location { get; init; } = "";

    /// <summary>The <c>path_prefix</c> the listing was limited to; empty for all of <see cref="Location"/>.</summary>
    public string Prefix { get; init; } = "";
}
