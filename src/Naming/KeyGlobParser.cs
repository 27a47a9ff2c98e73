using System.Text;

namespace CqSourceS3.Naming;

/// <summary>
/// Reads the syntax of a <see cref="KeyGlob"/> pattern, rejecting malformed patterns with a message
/// that names the pattern, the problem and its position (counted from 0), and expands braces so that
/// the compiler only ever sees brace-free token sequences.
/// </summary>
/// <remarks>
/// Braces are expanded textually, as a shell does, before <c>**</c> is interpreted: that is what
/// makes <c>{sales,events}/**</c> and <c>{a/**,b}</c> behave like the patterns they spell out.
/// Nested braces expand the same way. The expansion is capped at <see cref="MaxAlternatives"/> so a
/// pattern such as <c>{a,b}{a,b}…</c> cannot blow up into millions of alternatives.
/// </remarks>
internal sealed class KeyGlobParser
{
    /// <summary>The most brace-free patterns one glob may expand to.</summary>
    internal const int MaxAlternatives = 256;

    private readonly string _pattern;
    private readonly StringBuilder _literalPrefix = new();
    private bool _literalPrefixEnded;
    private int _position;

    private KeyGlobParser(string pattern)
    {
        _pattern = pattern;
    }

    /// <summary>Parses <paramref name="pattern"/> into its expansions and literal prefix.</summary>
    /// <exception cref="KeyGlobFormatException">The pattern is malformed.</exception>
    internal static ParsedKeyGlob Parse(string pattern)
    {
        var parser = new KeyGlobParser(pattern);
        if (pattern.Length == 0)
        {
            throw parser.Error("the pattern is empty");
        }

        var expansions = parser.ParseSequence(insideBraces: false);
        return new ParsedKeyGlob(
            [.. expansions.Select(expansion => expansion.ToArray())],
            parser._literalPrefix.ToString());
    }

    /// <summary>
    /// Parses up to the end of the pattern or, inside braces, up to the <c>,</c> or <c>}</c> that ends
    /// the current alternative, and returns every brace-free spelling of that stretch.
    /// </summary>
    private List<List<GlobToken>> ParseSequence(bool insideBraces)
    {
        List<List<GlobToken>> expansions = [[]];
        while (_position < _pattern.Length)
        {
            var c = _pattern[_position];
            if (insideBraces && c is ',' or '}')
            {
                return expansions;
            }

            switch (c)
            {
                case '}':
                    throw Error($"unmatched '}}' at position {_position}");
                case '{':
                    EndLiteralPrefix();
                    expansions = Product(expansions, ParseBraces());
                    break;
                case '*':
                    EndLiteralPrefix();
                    _position++;
                    Append(expansions, GlobToken.Star);
                    break;
                case '?':
                    EndLiteralPrefix();
                    _position++;
                    Append(expansions, GlobToken.AnyChar);
                    break;
                case '[':
                    EndLiteralPrefix();
                    Append(expansions, new GlobToken(GlobTokenKind.Class, Class: ParseClass()));
                    break;
                default:
                    var literal = c == '\\' ? ParseEscape() : _pattern[_position++];
                    if (!_literalPrefixEnded)
                    {
                        _literalPrefix.Append(literal);
                    }

                    Append(expansions, GlobToken.Literal(literal));
                    break;
            }
        }

        return expansions;
    }

    /// <summary>Parses <c>{alt,alt,…}</c> at the current position into the union of its alternatives.</summary>
    private List<List<GlobToken>> ParseBraces()
    {
        var open = _position++;
        if (_position < _pattern.Length && _pattern[_position] == '}')
        {
            throw Error($"empty '{{}}' at position {open}");
        }

        var alternatives = new List<List<GlobToken>>();
        while (true)
        {
            alternatives.AddRange(ParseSequence(insideBraces: true));
            if (alternatives.Count > MaxAlternatives)
            {
                throw TooManyAlternatives();
            }

            if (_position >= _pattern.Length)
            {
                throw Error($"unclosed '{{' at position {open}");
            }

            if (_pattern[_position++] == '}')
            {
                return alternatives;
            }
        }
    }

    /// <summary>
    /// Parses <c>[...]</c> at the current position. <c>]</c> always closes the class (write <c>\]</c> for
    /// the character), <c>-</c> is literal first or last, and <c>!</c> or <c>^</c> first negates.
    /// </summary>
    private GlobCharClass ParseClass()
    {
        var open = _position++;
        var negated = _position < _pattern.Length && _pattern[_position] is '!' or '^';
        if (negated)
        {
            _position++;
        }

        var ranges = new List<(char First, char Last)>();
        while (true)
        {
            if (_position >= _pattern.Length)
            {
                throw Error($"unclosed '[' at position {open}");
            }

            if (_pattern[_position] == ']')
            {
                _position++;
                break;
            }

            var first = ParseClassChar();
            var last = first;
            if (_position + 1 < _pattern.Length && _pattern[_position] == '-' && _pattern[_position + 1] != ']')
            {
                var dash = _position++;
                last = ParseClassChar();
                if (last < first)
                {
                    throw Error($"reversed range '{first}-{last}' at position {dash - 1}");
                }
            }

            ranges.Add((first, last));
        }

        if (ranges.Count == 0)
        {
            throw Error($"empty '{_pattern[open.._position]}' at position {open}");
        }

        return new GlobCharClass(ranges, negated);
    }

    /// <summary>One member character of a class; <c>/</c> is refused because it could never match.</summary>
    private char ParseClassChar()
    {
        var at = _position;
        var c = _pattern[_position] == '\\' ? ParseEscape() : _pattern[_position++];
        if (c == '/')
        {
            throw Error($"'/' in a character class at position {at} can never match, as classes stay within one segment");
        }

        return c;
    }

    /// <summary>Reads <c>\x</c> at the current position as the literal <c>x</c>.</summary>
    private char ParseEscape()
    {
        var backslash = _position++;
        if (_position >= _pattern.Length)
        {
            throw Error($"trailing '\\' at position {backslash} escapes nothing");
        }

        return _pattern[_position++];
    }

    private void EndLiteralPrefix() => _literalPrefixEnded = true;

    private static void Append(List<List<GlobToken>> expansions, GlobToken token)
    {
        foreach (var expansion in expansions)
        {
            expansion.Add(token);
        }
    }

    /// <summary>Every expansion so far followed by every alternative of the braces just read.</summary>
    private List<List<GlobToken>> Product(List<List<GlobToken>> heads, List<List<GlobToken>> tails)
    {
        if ((long)heads.Count * tails.Count > MaxAlternatives)
        {
            throw TooManyAlternatives();
        }

        var product = new List<List<GlobToken>>(heads.Count * tails.Count);
        foreach (var head in heads)
        {
            foreach (var tail in tails)
            {
                product.Add([.. head, .. tail]);
            }
        }

        return product;
    }

    private KeyGlobFormatException TooManyAlternatives() =>
        Error($"braces expand to more than {MaxAlternatives} alternatives");

    private KeyGlobFormatException Error(string problem) => new(_pattern, problem);
}

/// <summary>What <see cref="KeyGlobParser"/> makes of a pattern.</summary>
/// <param name="Expansions">The brace-free token sequences; a key matches if it matches any.</param>
/// <param name="LiteralPrefix">The unescaped text before the first glob syntax.</param>
internal sealed record ParsedKeyGlob(IReadOnlyList<GlobToken[]> Expansions, string LiteralPrefix);
