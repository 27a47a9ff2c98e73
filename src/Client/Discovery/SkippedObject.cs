namespace CqSourceS3.Client.Discovery;

/// <summary>An object that was not read, and why (not Parquet, encrypted, deleted meanwhile, timed out…).</summary>
/// <param name="Key">The object key.</param>
/// <param name="Table">The table the object would belong to.</param>
/// <param name="Reason">Why, in words that name the problem.</param>
/// <param name="Transient">True when a later run may well succeed (throttling, timeouts): a cursor must not pass it.</param>
public sealed record SkippedObject(string Key, string Table, string Reason, bool Transient)
{
    /// <summary>The object as listed, so an incremental cursor can hold a transient failure open.</summary>
    public CqSourceS3.Client.Storage.StoredObject? StoredObject { get; init; }

    /// <summary>
    /// True when the spec chose to skip it (<c>schema_policy: skip_file</c>): nothing failed, so
    /// <c>error_policy: fail</c> does not stop its table.
    /// </summary>
    public bool ByPolicy { get; init; }
}
