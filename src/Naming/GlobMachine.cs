using System.Buffers;

namespace CqSourceS3.Naming;

/// <summary>
/// Runs a compiled glob program over a key by tracking every live instruction at once (Thompson's
/// simulation), so a match costs at most key length × program length steps. Backtracking matchers
/// take exponential time on patterns such as <c>*a*a*a*a*b</c> against long keys; this one cannot.
/// </summary>
internal sealed class GlobMachine
{
    /// <summary>Programs up to this size run on stack buffers, so matching allocates nothing.</summary>
    private const int StackLimit = 128;

    private readonly GlobInstruction[] _program;

    internal GlobMachine(GlobInstruction[] program)
    {
        _program = program;
    }

    internal bool IsMatch(ReadOnlySpan<char> key)
    {
        var size = _program.Length;
        int[]? rented = null;
        Span<int> buffer = size <= StackLimit
            ? stackalloc int[4 * size]
            : (rented = ArrayPool<int>.Shared.Rent(4 * size));
        try
        {
            var current = buffer[..size];
            var next = buffer.Slice(size, size);
            var seen = buffer.Slice(2 * size, size);
            var pending = buffer.Slice(3 * size, size);
            seen.Clear();

            // seen[pc] == step means pc is already in the list being built for this step.
            var step = 1;
            var currentCount = AddClosure(0, current, 0, seen, step, pending);
            foreach (var c in key)
            {
                step++;
                var nextCount = 0;
                for (var i = 0; i < currentCount; i++)
                {
                    var pc = current[i];
                    if (_program[pc].Consumes(c))
                    {
                        nextCount = AddClosure(pc + 1, next, nextCount, seen, step, pending);
                    }
                }

                if (nextCount == 0)
                {
                    return false;
                }

                var swap = current;
                current = next;
                next = swap;
                currentCount = nextCount;
            }

            for (var i = 0; i < currentCount; i++)
            {
                if (_program[current[i]].Op == GlobOpCode.Match)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="start"/> and everything reachable from it without consuming a character
    /// to <paramref name="list"/>, keeping only instructions that consume or accept. Each instruction
    /// is marked when first reached, so it enters the list and the work stack at most once per step.
    /// </summary>
    private int AddClosure(int start, Span<int> list, int count, Span<int> seen, int step, Span<int> pending)
    {
        if (seen[start] == step)
        {
            return count;
        }

        seen[start] = step;
        var top = 0;
        pending[top++] = start;
        while (top > 0)
        {
            var pc = pending[--top];
            var instruction = _program[pc];
            switch (instruction.Op)
            {
                case GlobOpCode.Jump:
                    top = Push(instruction.Target, seen, step, pending, top);
                    break;
                case GlobOpCode.Split:
                    top = Push(instruction.Target, seen, step, pending, top);
                    top = Push(instruction.Alternative, seen, step, pending, top);
                    break;
                default:
                    list[count++] = pc;
                    break;
            }
        }

        return count;
    }

    /// <summary>Pushes <paramref name="target"/> unless this step reached it already; returns the new top.</summary>
    private static int Push(int target, Span<int> seen, int step, Span<int> pending, int top)
    {
        if (seen[target] == step)
        {
            return top;
        }

        seen[target] = step;
        pending[top] = target;
        return top + 1;
    }
}
