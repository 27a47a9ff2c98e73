using CqSourceS3.Client;
namespace CqSourceS3.Client.State;

/// <summary>
/// A table's stored cursor cannot be used (not JSON, an unknown format version, a bad time, a broken invariant).
/// The sync stops instead of starting over from an empty cursor: a silent reset would re-read a whole bucket
/// into the destination, and a guess would risk skipping objects.
/// </summary>
public sealed class CursorStateException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.State;

    public CursorStateException(string stateKey, string problem, Exception? inner = null)
        : base($"the incremental state under key '{stateKey}' cannot be used: {problem}. "
            + "Fix the value or delete the key in the state backend; deleting it makes the next sync read the table in full", inner)
    {
        StateKey = stateKey;
        Problem = problem;
    }

    /// <summary>The state key whose value is unusable, as made by <see cref="StateKeys.ForTable"/>.</summary>
    public string StateKey { get; }

    /// <summary>What is wrong with the value, without the surrounding advice.</summary>
    public string Problem { get; }
}
