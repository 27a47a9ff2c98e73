namespace CqSourceS3.Client.Mirror;

/// <summary>
/// <c>mirror: true</c> without a state backend: the mirror must remember every synced key to delete what disappears,
/// so the sync is refused before any message rather than silently inserting duplicates.
/// </summary>
public sealed class MirrorStateRequiredException : SourceException
{
    public MirrorStateRequiredException()
        : base("mirror: true needs a state backend to remember every synced object: set backend_options in the source's CloudQuery config (or --state FILE for the standalone sync)")
    {
    }

    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Configuration;
}
