namespace CqSourceS3.Naming;

/// <summary>What one <see cref="GlobToken"/> matches.</summary>
internal enum GlobTokenKind
{
    /// <summary>Exactly <see cref="GlobToken.Char"/>; an unescaped <c>/</c> is also a segment separator.</summary>
    Literal,

    /// <summary><c>*</c>: any run of characters within one segment.</summary>
    Star,

    /// <summary><c>?</c>: one character other than <c>/</c>.</summary>
    AnyChar,

    /// <summary><c>[...]</c>: one character of <see cref="GlobToken.Class"/>.</summary>
    Class,
}

/// <summary>
/// One element of a brace-free glob, as <see cref="KeyGlobParser"/> leaves it after expanding braces.
/// Escapes are resolved by then: an escaped <c>*</c> is a <see cref="GlobTokenKind.Literal"/>.
/// </summary>
internal readonly record struct GlobToken(GlobTokenKind Kind, char Char = '\0', GlobCharClass? Class = null)
{
    internal static GlobToken Star { get; } = new(GlobTokenKind.Star);

    internal static GlobToken AnyChar { get; } = new(GlobTokenKind.AnyChar);

    internal static GlobToken Literal(char c) => new(GlobTokenKind.Literal, c);

    internal bool IsSeparator => Kind == GlobTokenKind.Literal && Char == '/';
}
