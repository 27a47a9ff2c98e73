using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// YAML nodes to JSON, with YAML 1.2 core-schema typing for plain scalars, as Go's YAML decoder does (the CloudQuery
/// CLI sends the spec as JSON). Only a stream already bounded by <see cref="BoundedYamlParser"/> may come here: an
/// alias is converted once per use, so its expanded size is what this builds.
/// </summary>
internal static class YamlJson
{
    /// <exception cref="YamlException">A key that is not a scalar, or two keys that are the same string.</exception>
    public static JsonNode? From(YamlNode node) => node switch
    {
        YamlMappingNode map => Object(map),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(From)]),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    private static JsonObject Object(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            // YAML allows lists and mappings as keys, and tells "1" from 1; JSON has only distinct string keys.
            var name = key is YamlScalarNode scalar
                ? scalar.Value ?? ""
                : throw new YamlException(key.Start, key.End, "a key must be a plain name, not a list or a mapping");
            if (!result.TryAdd(name, From(value)))
            {
                throw new YamlException(key.Start, key.End, $"the key \"{name}\" appears twice in the same mapping");
            }
        }

        return result;
    }

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
