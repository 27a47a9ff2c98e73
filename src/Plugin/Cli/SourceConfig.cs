using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// The source part of a CloudQuery config file (YAML, possibly several documents): the document with
/// <c>kind: source</c>, its table selection and its nested <c>spec:</c> as the JSON the CLI would send in Init.
/// </summary>
internal sealed record SourceConfig(string Name, IReadOnlyList<string> Tables, IReadOnlyList<string> SkipTables, bool DeterministicCqId, string SpecJson)
{
    public static SourceConfig Load(string path)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{path}: not valid YAML at line {e.Start.Line}: {e.Message}");
        }

        var document = yaml.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
            .FirstOrDefault(m => Scalar(m, "kind") == "source")
            ?? throw new ConfigException($"{path}: no document with \"kind: source\"");
        var source = Child(document, "spec") as YamlMappingNode
            ?? throw new ConfigException($"{path}: the kind: source document has no spec: mapping");
        var spec = Child(source, "spec");
        return new SourceConfig(
            Scalar(source, "name") ?? "s3",
            List(source, "tables", path) ?? ["*"],
            List(source, "skip_tables", path) ?? [],
            Scalar(source, "deterministic_cq_id") is "true",
            spec is null ? "null" : ToJson(spec)?.ToJsonString() ?? "null");
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

    /// <summary>YAML to JSON with YAML 1.2 core-schema typing for plain scalars, as Go's YAML decoder does.</summary>
    internal static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    private static JsonValue? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };
}

/// <summary>The config file cannot be used; the message names the file and the problem.</summary>
internal sealed class ConfigException(string message) : Exception(message);
