using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// A YAML parser that refuses a stream before it can cost memory or stack: one whose aliases would expand it past
/// <see cref="MaxNodes"/> nodes ("billion laughs": a few hundred bytes of nested anchors grow past 4 GB once turned
/// into JSON), one nested deeper than <see cref="MaxDepth"/>, and an alias inside the node it names (a cycle, which
/// would recurse until the stack overflows).
/// </summary>
/// <remarks>
/// The count is taken from the parse events, before any node is built: an alias adds the expanded size of the node
/// it names, known once that node ended. Memory therefore stays proportional to the file, whatever the aliases
/// say, and every later step (the representation model, its key hashing, the conversion to JSON) works on at most
/// <see cref="MaxNodes"/> expanded nodes.
/// </remarks>
internal sealed class BoundedYamlParser(IParser inner, long maxNodes = BoundedYamlParser.DefaultMaxNodes, int maxDepth = BoundedYamlParser.DefaultMaxDepth) : IParser
{
    /// <summary>Far above any real config (a few hundred nodes), far below what hurts (a few MB of JSON).</summary>
    public const long DefaultMaxNodes = 100_000;

    /// <summary>Configs nest a handful of levels; System.Text.Json refuses JSON deeper than 64 anyway.</summary>
    public const int DefaultMaxDepth = 64;

    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long NodesBefore)> _open = new();

    /// <summary>The most expanded nodes accepted.</summary>
    public long MaxNodes => maxNodes;

    /// <summary>The deepest nesting of mappings and sequences accepted.</summary>
    public int MaxDepth => maxDepth;

    /// <summary>Nodes the stream expands to so far, each alias counted as the whole node it names.</summary>
    public long ExpandedNodes { get; private set; }

    /// <summary>Events read from the text so far: what the file really holds, however far its aliases expand.</summary>
    public long Events { get; private set; }

    /// <inheritdoc />
    public ParsingEvent? Current => inner.Current;

    /// <inheritdoc />
    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        Events++;
        Count(inner.Current!);
        return true;
    }

    private void Count(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                // Anchors are scoped to their document.
                _anchorSizes.Clear();
                break;
            case Scalar scalar:
                Add(1, current);
                Remember(scalar.Anchor, 1);
                break;
            case NodeEvent { Anchor: var anchor } and (MappingStart or SequenceStart):
                if (_open.Count >= maxDepth)
                {
                    throw new YamlLimitException(current.Start, current.End, $"nested deeper than {maxDepth} levels; a config needs a handful");
                }

                _open.Push((anchor.IsEmpty ? null : anchor.Value, ExpandedNodes));
                Add(1, current);
                break;
            case MappingEnd or SequenceEnd:
                var (name, before) = _open.Pop();
                if (name is not null)
                {
                    _anchorSizes[name] = ExpandedNodes - before;
                }

                break;
            case AnchorAlias alias:
                Add(SizeOf(alias), current);
                break;
        }
    }

    private long SizeOf(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_open.Any(o => o.Anchor == name))
        {
            throw new YamlLimitException(alias.Start, alias.End, $"the alias *{name} is inside the node &{name} it refers to, which would repeat it without end");
        }

        // An unknown anchor is left to the loader, which reports it with its position.
        return _anchorSizes.GetValueOrDefault(name, 1);
    }

    private void Remember(AnchorName anchor, long size)
    {
        if (!anchor.IsEmpty)
        {
            _anchorSizes[anchor.Value] = size;
        }
    }

    private void Add(long nodes, ParsingEvent at)
    {
        // Each alias adds at most MaxNodes (a larger anchor was refused when it ended), so this cannot overflow.
        ExpandedNodes += nodes;
        if (ExpandedNodes > maxNodes)
        {
            throw new YamlLimitException(at.Start, at.End,
                $"its aliases (*name) expand it to more than {maxNodes} nodes (an \"alias bomb\"); a config needs a few hundred, so it is refused");
        }
    }
}
