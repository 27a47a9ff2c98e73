namespace CqSourceS3.Naming;

/// <summary>
/// A malformed glob. The message names the pattern and the problem; <see cref="Problem"/> alone serves callers that
/// quote the pattern themselves (the spec reader names the field and the value).
/// </summary>
public sealed class KeyGlobFormatException : FormatException
{
    public KeyGlobFormatException(string pattern, string problem)
        : base($"glob \"{pattern}\": {problem}")
    {
        Pattern = pattern;
        Problem = problem;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>What is wrong with it, with its position counted from 0, e.g. <c>unclosed '[' at position 6</c>.</summary>
    public string Problem { get; }
}
