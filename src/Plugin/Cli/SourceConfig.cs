using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// The source part of a CloudQuery config file (YAML, possibly several documents): the document with
/// <c>kind: source</c>, its table selection and its nested <c>spec:</c> as the JSON the CLI would send in Init.
/// </summary>
internal sealed record SourceConfig(string Name, IReadOnlyList<string> Tables, IReadOnlyList<string> SkipTables, bool DeterministicCqId, string SpecJson)
{
    /// <summary>The source name CloudQuery would use when a document has none.</summary>
    private const string DefaultName = "s3";

    /// <summary>Reads the config at <paramref name="path"/>.</summary>
    /// <param name="path">The config file.</param>
    /// <param name="sourceName">
    /// The <c>spec.name</c> of the source to use (<c>--source</c>); null when the file must hold exactly one source.
    /// </param>
    /// <exception cref="ConfigException">The file cannot be used; the message names it and, for YAML, the line and column.</exception>
    public static SourceConfig Load(string path, string? sourceName = null) => Parse(path, ConfigFile.ReadText(path), sourceName);

    /// <summary>Parses config <paramref name="text"/> that was read from <paramref name="path"/> (named in messages).</summary>
    /// <inheritdoc cref="Load" path="/exception"/>
    public static SourceConfig Parse(string path, string text, string? sourceName = null)
    {
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new BoundedYamlParser(new Parser(new StringReader(text))));
            var source = Select(path, yaml, sourceName);
            var spec = Child(source, "spec");
            return new SourceConfig(
                Scalar(source, "name") ?? DefaultName,
                List(source, "tables", path) ?? ["*"],
                List(source, "skip_tables", path) ?? [],
                Scalar(source, "deterministic_cq_id") is "true",
                spec is null ? "null" : YamlJson.From(spec)?.ToJsonString() ?? "null");
        }
        catch (YamlException e)
        {
            // YamlDotNet counts lines and columns from 1, as editors do.
            throw new ConfigException($"{path}: line {e.Start.Line}, column {e.Start.Column}: not a usable YAML config: {e.Message}");
        }
    }

    /// <summary>The <c>spec:</c> mapping of the one <c>kind: source</c> document, or of the one named <paramref name="name"/>.</summary>
    private static YamlMappingNode Select(string path, YamlStream yaml, string? name)
    {
        var sources = yaml.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
            .Where(m => Scalar(m, "kind") == "source")
            .Select(m => Child(m, "spec") as YamlMappingNode ?? throw new ConfigException($"{path}: a kind: source document has no spec: mapping"))
            .ToList();
        var names = sources.Select(s => Scalar(s, "name") ?? DefaultName).ToList();
        var listed = string.Join(", ", names.Select(n => $"\"{n}\""));
        if (sources.Count == 0)
        {
            throw new ConfigException($"{path}: no document with \"kind: source\"");
        }

        if (name is null)
        {
            return sources.Count == 1
                ? sources[0]
                : throw new ConfigException($"{path}: has {sources.Count} kind: source documents ({listed}); choose one with --source NAME");
        }

        var matching = sources.Where((_, i) => names[i] == name).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            0 => throw new ConfigException($"{path}: no kind: source document is named \"{name}\" (--source); its sources: {listed}"),
            _ => throw new ConfigException($"{path}: {matching.Count} kind: source documents are named \"{name}\"; give them different names"),
        };
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static List<string>? List(YamlMappingNode map, string key, string path) => Child(map, key) switch
    {
        null => null,
        YamlSequenceNode sequence => [.. sequence.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw new ConfigException($"{path}: {key} must be a list of names"))],
        _ => throw new ConfigException($"{path}: {key} must be a list of names"),
    };
}
