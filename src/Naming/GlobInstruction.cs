namespace CqSourceS3.Naming;

/// <summary>The operations of the small automaton a <see cref="KeyGlob"/> compiles to.</summary>
internal enum GlobOpCode
{
    /// <summary>Consumes <see cref="GlobInstruction.Char"/>.</summary>
    Char,

    /// <summary>Consumes any character except <c>/</c> (<c>?</c>, and the body of <c>*</c>).</summary>
    AnyButSlash,

    /// <summary>Consumes any character, <c>/</c> included (the body of <c>**</c>).</summary>
    AnyChar,

    /// <summary>Consumes one character of <see cref="GlobInstruction.Class"/>.</summary>
    Class,

    /// <summary>Continues at both <see cref="GlobInstruction.Target"/> and <see cref="GlobInstruction.Alternative"/>.</summary>
    Split,

    /// <summary>Continues at <see cref="GlobInstruction.Target"/>.</summary>
    Jump,

    /// <summary>Accepts, if the whole key has been consumed.</summary>
    Match,
}

/// <summary>One instruction of a <see cref="GlobMachine"/> program.</summary>
internal readonly record struct GlobInstruction(
    GlobOpCode Op,
    char Char = '\0',
    GlobCharClass? Class = null,
    int Target = 0,
    int Alternative = 0)
{
    /// <summary>Whether this instruction consumes <paramref name="c"/>; false for the non-consuming ones.</summary>
    internal bool Consumes(char c) => Op switch
    {
        GlobOpCode.Char => c == Char,
        GlobOpCode.AnyButSlash => c != '/',
        GlobOpCode.AnyChar => true,
        GlobOpCode.Class => Class!.IsMatch(c),
        _ => false,
    };
}
