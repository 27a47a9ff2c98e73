using CqSourceS3.Naming;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// The one place the spec checks glob syntax (<c>include</c>, <c>exclude</c>, <c>table_rules[].match</c>): it asks the
/// key matcher's own parser, so the spec accepts exactly the globs discovery can compile and says why it rejects one.
/// </summary>
internal static class SpecGlobs
{
    /// <summary>Why <paramref name="pattern"/> is not a valid glob, or null when it is.</summary>
    public static string? ErrorOf(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            KeyGlob.Parse(pattern);
            return null;
        }
        catch (KeyGlobFormatException e)
        {
            // The problem only: the spec's message already quotes the pattern.
            return e.Problem;
        }
    }
}
