namespace CqSourceS3.Naming;

/// <summary>
/// Compiles brace-free token sequences into one <see cref="GlobMachine"/> program, the way Thompson
/// builds an automaton from a regular expression, so matching never backtracks.
/// </summary>
/// <remarks>
/// <para>
/// Each sequence is split into segments at its <c>/</c> tokens. A segment that is exactly <c>**</c>
/// (two unescaped stars and nothing else) is a globstar and spans zero or more whole segments:
/// <c>**/</c> (at the start or after a <c>/</c>) compiles to <c>(.*/)?</c>, and a final <c>**</c>
/// compiles to <c>.*</c>. So <c>a/**/b</c> matches <c>a/b</c> and <c>a/x/y/b</c>, <c>**/x</c> matches
/// <c>x</c> and <c>a/b/x</c>, and <c>sales/**</c> matches every key under <c>sales/</c> but not a key
/// <c>sales</c> itself, which keeps <see cref="KeyGlob.LiteralPrefix"/> (<c>sales/</c>) a true prefix of
/// every match.
/// </para>
/// <para>
/// Any other star stays within its segment: <c>a**b</c> is two stars in a row, that is the same as
/// <c>a*b</c>.
/// </para>
/// </remarks>
internal sealed class KeyGlobCompiler
{
    private readonly List<GlobInstruction> _program = [];

    private KeyGlobCompiler()
    {
    }

    /// <summary>One program accepting a key when any of <paramref name="expansions"/> matches it.</summary>
    internal static GlobInstruction[] Compile(IReadOnlyList<GlobToken[]> expansions)
    {
        var compiler = new KeyGlobCompiler();
        for (var i = 0; i < expansions.Count; i++)
        {
            var split = -1;
            if (i < expansions.Count - 1)
            {
                split = compiler.Emit(new GlobInstruction(GlobOpCode.Split));
            }

            compiler.EmitSequence(expansions[i]);
            compiler.Emit(new GlobInstruction(GlobOpCode.Match));
            if (split >= 0)
            {
                compiler.Patch(split, new GlobInstruction(GlobOpCode.Split, Target: split + 1, Alternative: compiler.Next));
            }
        }

        return [.. compiler._program];
    }

    private int Next => _program.Count;

    private void EmitSequence(GlobToken[] tokens)
    {
        var segments = Segments(tokens);
        for (var i = 0; i < segments.Count; i++)
        {
            var isLast = i == segments.Count - 1;
            if (IsGlobstar(segments[i]))
            {
                if (isLast)
                {
                    EmitRepeat(GlobOpCode.AnyChar);
                }
                else
                {
                    // (.*/)? stands for the "**/" together, so the separator after it is not emitted again.
                    EmitOptionalFolders();
                }

                continue;
            }

            EmitSegment(segments[i]);
            if (!isLast)
            {
                Emit(new GlobInstruction(GlobOpCode.Char, '/'));
            }
        }
    }

    private void EmitSegment(ArraySegment<GlobToken> segment)
    {
        for (var i = 0; i < segment.Count; i++)
        {
            var token = segment[i];
            switch (token.Kind)
            {
                case GlobTokenKind.Literal:
                    Emit(new GlobInstruction(GlobOpCode.Char, token.Char));
                    break;
                case GlobTokenKind.AnyChar:
                    Emit(new GlobInstruction(GlobOpCode.AnyButSlash));
                    break;
                case GlobTokenKind.Class:
                    Emit(new GlobInstruction(GlobOpCode.Class, Class: token.Class));
                    break;
                case GlobTokenKind.Star:
                    // Stars in a row match what one star matches; one loop keeps the program small.
                    if (i == 0 || segment[i - 1].Kind != GlobTokenKind.Star)
                    {
                        EmitRepeat(GlobOpCode.AnyButSlash);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unknown glob token kind {token.Kind}.");
            }
        }
    }

    /// <summary>Zero or more characters consumed by <paramref name="op"/>: <c>L0: split L1, L3; L1: op; L2: jump L0; L3:</c>.</summary>
    private void EmitRepeat(GlobOpCode op)
    {
        var loop = Emit(new GlobInstruction(GlobOpCode.Split));
        Emit(new GlobInstruction(op));
        Emit(new GlobInstruction(GlobOpCode.Jump, Target: loop));
        Patch(loop, new GlobInstruction(GlobOpCode.Split, Target: loop + 1, Alternative: Next));
    }

    /// <summary><c>(.*/)?</c>: nothing, or any text that ends in <c>/</c> (whole folders).</summary>
    private void EmitOptionalFolders()
    {
        var optional = Emit(new GlobInstruction(GlobOpCode.Split));
        var loop = Emit(new GlobInstruction(GlobOpCode.Split));
        Emit(new GlobInstruction(GlobOpCode.AnyChar));
        Emit(new GlobInstruction(GlobOpCode.Jump, Target: loop));
        var slash = Emit(new GlobInstruction(GlobOpCode.Char, '/'));
        Patch(loop, new GlobInstruction(GlobOpCode.Split, Target: loop + 1, Alternative: slash));
        Patch(optional, new GlobInstruction(GlobOpCode.Split, Target: loop, Alternative: Next));
    }

    private int Emit(GlobInstruction instruction)
    {
        _program.Add(instruction);
        return _program.Count - 1;
    }

    private void Patch(int at, GlobInstruction instruction) => _program[at] = instruction;

    private static bool IsGlobstar(ArraySegment<GlobToken> segment) =>
        segment.Count == 2 && segment[0].Kind == GlobTokenKind.Star && segment[1].Kind == GlobTokenKind.Star;

    /// <summary>The tokens between separators; <c>a//b</c> has an empty middle segment.</summary>
    private static List<ArraySegment<GlobToken>> Segments(GlobToken[] tokens)
    {
        var segments = new List<ArraySegment<GlobToken>>();
        var start = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].IsSeparator)
            {
                segments.Add(new ArraySegment<GlobToken>(tokens, start, i - start));
                start = i + 1;
            }
        }

        segments.Add(new ArraySegment<GlobToken>(tokens, start, tokens.Length - start));
        return segments;
    }
}
