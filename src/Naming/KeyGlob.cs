namespace CqSourceS3.Naming;

/// <summary>
/// A glob over whole object keys, used by table rules to pick keys and by listings to narrow the
/// prefix they request.
/// </summary>
/// <remarks>
/// <para>Syntax, matched against the whole key, case-sensitively (ordinal), with <c>/</c> separating segments:</para>
/// <list type="bullet">
/// <item><c>*</c>: any run of characters within one segment (never <c>/</c>).</item>
/// <item><c>**</c> as a whole segment: zero or more whole segments. <c>a/**/b</c> matches <c>a/b</c>
/// and <c>a/x/y/b</c>; <c>**/x.parquet</c> matches <c>x.parquet</c> and <c>a/b/x.parquet</c>; a final
/// <c>**</c> matches everything below its folder, so <c>sales/**</c> matches <c>sales/a.parquet</c> and
/// <c>sales/x/y/a.parquet</c>, but not a key <c>sales</c>. Anywhere else (<c>a**b</c>, <c>**.parquet</c>)
/// two stars are simply two <c>*</c>, which stay within the segment.</item>
/// <item><c>?</c>: one character other than <c>/</c>.</item>
/// <item><c>[abc]</c>, <c>[a-z]</c>: one character in the class; <c>[!abc]</c> or <c>[^abc]</c>: one
/// character not in it. Classes never match <c>/</c>. <c>]</c> always closes a class (write <c>\]</c>
/// for the character); <c>-</c> is literal first or last.</item>
/// <item><c>{a,b,c}</c>: any of the alternatives, each of which may use any syntax, nested braces
/// included. An alternative may be empty (<c>x{,.gz}</c>). Braces are expanded before <c>**</c> is
/// interpreted, as a shell does, so <c>{sales,events}/**</c> is <c>sales/**</c> or <c>events/**</c>;
/// a pattern may expand to at most 256 alternatives.</item>
/// <item><c>\</c> makes the next character literal: <c>\*</c>, <c>\{</c>, <c>\\</c> (<c>\/</c> is still the
/// separator <c>/</c>). A <c>,</c> or <c>]</c> outside braces or classes is literal as is; a stray
/// <c>}</c> is an error, as it is far more often a typo than part of a key (write <c>\}</c>).</item>
/// </list>
/// <para>
/// Matching runs an automaton over the key (see <see cref="GlobMachine"/>), so it takes time linear
/// in the key length for a given pattern and never backtracks exponentially. Patterns of ordinary
/// size match without allocating, which matters because table rules are tried against every key of
/// a listing.
/// </para>
/// </remarks>
public sealed class KeyGlob
{
    private readonly GlobMachine _machine;

    /// <summary>Whether the pattern has no glob syntax at all, so a match is plain string equality.</summary>
    private readonly bool _isLiteral;

    private KeyGlob(string pattern, ParsedKeyGlob parsed)
    {
        Pattern = pattern;
        LiteralPrefix = parsed.LiteralPrefix;
        // "{a}/x" is all literal tokens too, but its literal prefix is empty: both conditions are needed.
        _isLiteral = parsed.Expansions.Count == 1
            && parsed.Expansions[0].Length == LiteralPrefix.Length
            && parsed.Expansions[0].All(token => token.Kind == GlobTokenKind.Literal);
        _machine = new GlobMachine(KeyGlobCompiler.Compile(parsed.Expansions));
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>
    /// The longest start of the pattern without glob syntax, with escapes resolved:
    /// <c>sales/2024/*.parquet</c> → <c>sales/2024/</c>, <c>events/*/part-*</c> → <c>events/</c>,
    /// <c>{a,b}/x</c> → the empty string. Every key the glob matches starts with it, so a listing may
    /// request only keys under this prefix.
    /// </summary>
    public string LiteralPrefix { get; }

    /// <summary>Parses and compiles <paramref name="pattern"/>.</summary>
    /// <exception cref="KeyGlobFormatException">
    /// The pattern is malformed; the message names the pattern and the problem, with its position
    /// counted from 0, e.g. <c>glob "sales/[abc": unclosed '[' at position 6</c>. Rejected: an empty
    /// pattern, an unclosed <c>[</c> or <c>{</c>, an empty <c>[]</c> or <c>{}</c>, a stray <c>}</c>, a
    /// reversed range such as <c>[z-a]</c>, a <c>/</c> inside a class (it could never match), a trailing
    /// lone <c>\</c>, and braces expanding to more than 256 alternatives.
    /// </exception>
    public static KeyGlob Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new KeyGlob(pattern, KeyGlobParser.Parse(pattern));
    }

    /// <summary>Whether the glob matches the whole of <paramref name="key"/> (ordinal, case-sensitive).</summary>
    public bool IsMatch(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_isLiteral)
        {
            return string.Equals(key, LiteralPrefix, StringComparison.Ordinal);
        }

        return key.StartsWith(LiteralPrefix, StringComparison.Ordinal) && _machine.IsMatch(key);
    }

    /// <summary>
    /// The longest common start (ordinal) of the globs' <see cref="LiteralPrefix"/>es: the prefix a
    /// listing may request when it only needs keys matching one of them. Empty for no globs.
    /// </summary>
    public static string CommonLiteralPrefix(IEnumerable<KeyGlob> globs)
    {
        ArgumentNullException.ThrowIfNull(globs);
        string? common = null;
        foreach (var glob in globs)
        {
            if (common is null)
            {
                common = glob.LiteralPrefix;
                continue;
            }

            var length = common.AsSpan().CommonPrefixLength(glob.LiteralPrefix);
            common = common[..length];
        }

        return common ?? string.Empty;
    }

    /// <inheritdoc cref="Pattern"/>
    public override string ToString() => Pattern;
}
