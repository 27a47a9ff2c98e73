using CqSourceS3.Plugin.Cli;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>The parser that refuses alias bombs, alias cycles and deep nesting before anything is built.</summary>
public sealed class BoundedYamlParserTests
{
    /// <summary>Nine levels of nine aliases each: 9^9 (387 million) strings once expanded, from a 700-byte file.</summary>
    internal static readonly string AliasBomb = string.Join('\n',
        ["kind: source", "spec:", "  name: s3", "  spec:", "    local_path: /tmp", "    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
        .. Enumerable.Range(1, 8).Select(i => $"    l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]"), "    bomb: *l8", ""]);

    [Fact]
    public void Load_AliasBomb_RefusedAfterReadingOnlyTheFileItself()
    {
        var parser = new BoundedYamlParser(new Parser(new StringReader(AliasBomb)), maxNodes: 1000);

        var error = Assert.Throws<YamlLimitException>(() => new YamlStream().Load(parser));

        Assert.Contains("expand it to more than 1000 nodes", error.Message, StringComparison.Ordinal);
        // Refused at the first alias that crosses the limit: every event read is one of the file's own ~100 tokens,
        // so nothing grew with the expansion.
        Assert.True(parser.Events < 150, $"{parser.Events} events read");
        // No anchor can end larger than the limit (the count would pass it first), so one alias oversteps by at most that.
        Assert.True(parser.ExpandedNodes <= 2 * parser.MaxNodes, $"{parser.ExpandedNodes} nodes counted");
        Assert.Equal(9, error.Start.Line);
    }

    [Fact]
    public void Load_AnchorsWithinTheLimit_LoadAndCountEveryExpandedNode()
    {
        const string Text = "base: &b {bucket: b, region: r}\nuse: *b\nagain: *b\n";
        var parser = new BoundedYamlParser(new Parser(new StringReader(Text)));
        var yaml = new YamlStream();

        yaml.Load(parser);

        // Root mapping (1) + three keys (3) + the anchored mapping of 5 nodes, counted once as written and once per alias.
        Assert.Equal(1 + 3 + (5 * 3), parser.ExpandedNodes);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("b", ((YamlScalarNode)((YamlMappingNode)root["again"])["bucket"]).Value);
    }

    [Fact]
    public void Load_AliasInsideItsOwnAnchor_RefusedAsACycleWithItsPosition()
    {
        const string Text = "kind: source\nspec: &s\n  name: s3\n  spec: *s\n";

        var error = Assert.Throws<YamlLimitException>(() => new YamlStream().Load(new BoundedYamlParser(new Parser(new StringReader(Text)))));

        Assert.Contains("*s is inside the node &s", error.Message, StringComparison.Ordinal);
        Assert.Equal((4L, 9L), (error.Start.Line, error.Start.Column));
    }

    [Fact]
    public void Load_NestedDeeperThanTheLimit_Refused()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);

        var error = Assert.Throws<YamlLimitException>(() => new YamlStream().Load(new BoundedYamlParser(new Parser(new StringReader(text)), maxDepth: 64)));

        Assert.Contains("nested deeper than 64 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(65, error.Start.Column);
    }
}
