namespace CqSourceS3.Client.Sharding;

/// <summary>A shard that cannot exist (<c>num</c> or <c>total</c> below 1, or <c>num</c> above <c>total</c>): the sync is refused before any message.</summary>
public sealed class InvalidShardException : SourceException
{
    public InvalidShardException(string shard, string problem)
        : base($"invalid shard {shard}: {problem}")
    {
    }

    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Request;
}
