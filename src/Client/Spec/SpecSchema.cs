using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// The JSON Schema (draft 2020-12) that GetSpecSchema returns and `cloudquery validate-config` checks specs with.
/// Generated from <see cref="SourceSpec"/> and the same rule attributes <see cref="SpecReader"/> enforces, so the
/// schema accepts exactly what Init accepts. Descriptions are <see cref="SpecOption.SchemaDescription"/>, the text the
/// README's and docs/configuration.md's option tables carry too.
/// </summary>
public static class SpecSchema
{
    private static readonly Lazy<string> Text = new(() => Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The schema as indented JSON text.</summary>
    public static string Json => Text.Value;

    private static JsonObject Build()
    {
        var defaults = new SourceSpec();
        var properties = new JsonObject();
        foreach (var property in SpecReader.Properties)
        {
            properties[property.Name] = Describe(property, property.Get!(defaults));
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://github.com/cq-source-s3/cq-source-s3/spec",
            ["title"] = "cq-source-s3 spec",
            ["description"] = "The `spec:` block of a cq-source-s3 source: where the Parquet objects are and how to read them.",
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
            // Exactly one of the two places to read from.
            ["oneOf"] = new JsonArray(
                new JsonObject { ["required"] = new JsonArray("bucket") },
                new JsonObject { ["required"] = new JsonArray("local_path") }),
        };
    }

    private static JsonObject Describe(JsonPropertyInfo property, object? defaultValue)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var node = new JsonObject
        {
            ["type"] = JsonTypeOf(type),
            ["description"] = SpecOption.Of(property, defaultValue).SchemaDescription,
        };

        if (defaultValue is not null)
        {
            node["default"] = JsonSerializer.SerializeToNode(defaultValue, type, SpecReader.JsonOptions);
        }

        if (SpecReader.RuleOf<SpecNonEmptyAttribute>(property) is not null)
        {
            node["minLength"] = 1;
            node["pattern"] = "\\S";
        }

        if (SpecReader.RuleOf<SpecAllowedValuesAttribute>(property) is { } allowed)
        {
            node["enum"] = new JsonArray([.. allowed.Values.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        if (SpecReader.RuleOf<SpecIntegerRangeAttribute>(property) is { } range)
        {
            AddRange(node, range);
        }

        if (SpecReader.RuleOf<SpecUrlAttribute>(property) is not null)
        {
            node["pattern"] = "^https?://[^/?#\\s]+";
        }

        return node;
    }

    private static void AddRange(JsonObject node, SpecIntegerRangeAttribute range)
    {
        var bounds = new JsonObject { ["minimum"] = range.Minimum, ["maximum"] = range.Maximum };
        if (!range.AllowMinusOne)
        {
            node["minimum"] = range.Minimum;
            node["maximum"] = range.Maximum;
            return;
        }

        node["anyOf"] = new JsonArray(bounds, new JsonObject { ["const"] = -1 });
    }

    private static string JsonTypeOf(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(int) => "integer",
        _ when type == typeof(bool) => "boolean",
        _ => throw new NotSupportedException($"spec property type {type} has no JSON schema mapping"),
    };
}
