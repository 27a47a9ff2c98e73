namespace CqSourceS3.Naming;

/// <summary>
/// A bracket expression such as <c>[a-z_]</c> or <c>[!0-9]</c>: one character in (or, negated, not in)
/// a set of ranges. It never matches <c>/</c>, negated or not, so a class cannot cross a segment.
/// </summary>
internal sealed class GlobCharClass
{
    private readonly (char First, char Last)[] _ranges;

    internal GlobCharClass(IEnumerable<(char First, char Last)> ranges, bool negated)
    {
        _ranges = [.. ranges];
        Negated = negated;
    }

    /// <summary>Whether the class was written <c>[!...]</c> or <c>[^...]</c>.</summary>
    internal bool Negated { get; }

    internal bool IsMatch(char c)
    {
        if (c == '/')
        {
            return false;
        }

        var inRanges = false;
        foreach (var (first, last) in _ranges)
        {
            if (c >= first && c <= last)
            {
                inRanges = true;
                break;
            }
        }

        return inRanges != Negated;
    }
}
