namespace CqSourceS3.Client.Spec;

/// <summary>
/// The one place the spec checks glob syntax (<c>include</c>, <c>exclude</c>, <c>table_rules[].match</c>), so that the
/// spec accepts exactly the globs the key matcher can compile and says why it rejects one.
/// </summary>
internal static class SpecGlobs
{
    /// <summary>Why <paramref name="pattern"/> is not a valid glob, or null when it is.</summary>
    public static string? ErrorOf(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);

        // TEMPORARY: a minimal check until CqSourceS3.Naming.KeyGlob is on this branch. Then this whole body becomes
        //     try { KeyGlob.Parse(pattern); return null; } catch (FormatException e) { return e.Message; }
        // so that the matcher's own parser, and its messages, decide.
        if (pattern.Length == 0)
        {
            return "a glob must not be empty";
        }

        var inClass = false;
        var braces = 0;
        foreach (var c in pattern)
        {
            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '{')
            {
                braces++;
            }
            else if (c == '}' && --braces < 0)
            {
                return "'}' without an opening '{'";
            }
        }

        return inClass ? "'[' without a closing ']'" : braces > 0 ? "'{' without a closing '}'" : null;
    }
}
