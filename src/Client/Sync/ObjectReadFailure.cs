namespace CqSourceS3.Client.Sync;

/// <summary>Carries a skippable read failure and how many rows of the object were sent before it.</summary>
#pragma warning disable CA1032, CA1064 // private plumbing between two methods of the engine, never thrown further
internal sealed class ObjectReadFailure(Exception inner, long rowsSent) : Exception(inner.Message, inner)
#pragma warning restore CA1032, CA1064
{
    public long RowsSent { get; } = rowsSent;
}
