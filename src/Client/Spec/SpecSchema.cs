using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// The JSON Schema (draft 2020-12) that GetSpecSchema returns and `cloudquery validate-config` checks specs with.
/// Generated from <see cref="SourceSpec"/> and the same rule attributes <see cref="SpecReader"/> enforces, down into
/// lists, maps and rule objects, so the schema accepts what Init accepts. One rule no JSON Schema keyword can express
/// is left to Init: glob syntax (<see cref="SpecGlobAttribute"/>). Descriptions are
/// <see cref="SpecOption.SchemaDescription"/>, the text the README's and docs/configuration.md's option tables carry too.
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
        var node = SchemaOf(property.PropertyType, property.AttributeProvider, defaultValue);
        node["description"] = SpecOption.Of(property, defaultValue).SchemaDescription;
        if (defaultValue is not null)
        {
            node["default"] = JsonSerializer.SerializeToNode(defaultValue, SpecReader.JsonOptions.GetTypeInfo(property.PropertyType));
        }

        return node;
    }

    /// <summary>
    /// The schema of one value of <paramref name="type"/> under the rules on <paramref name="rules"/>; a section
    /// (<c>csv:</c>) describes its fields' defaults from <paramref name="defaults"/>, its value in a default spec.
    /// </summary>
    private static JsonObject SchemaOf(Type type, ICustomAttributeProvider? rules, object? defaults = null) => SpecShapes.Of(type) switch
    {
        SpecShape.String => StringSchema(rules),
        SpecShape.Integer => IntegerSchema(rules),
        SpecShape.Boolean => new JsonObject { ["type"] = "boolean" },
        SpecShape.List => ListSchema(type, rules),
        SpecShape.Map => MapSchema(type, rules),
        _ => ObjectSchema(type, defaults),
    };

    private static JsonObject StringSchema(ICustomAttributeProvider? rules)
    {
        var node = new JsonObject { ["type"] = "string" };
        if (SpecReader.RuleOf<SpecNonEmptyAttribute>(rules) is not null)
        {
            node["minLength"] = 1;
            SetPattern(node, "\\S");
        }

        if (SpecReader.RuleOf<SpecAllowedValuesAttribute>(rules) is { } allowed)
        {
            node["enum"] = new JsonArray([.. allowed.Values.Select(v => (JsonNode)JsonValue.Create(v))]);
        }

        if (SpecReader.RuleOf<SpecUrlAttribute>(rules) is not null)
        {
            SetPattern(node, "^https?://[^/?#\\s]+");
        }

        if (SpecReader.RuleOf<SpecPatternAttribute>(rules) is { } pattern)
        {
            AddName(node, pattern);
        }

        // A JSON boolean is the word it spells (the reader turns true into "true").
        return SpecReader.RuleOf<SpecBooleanAsTextAttribute>(rules) is null
            ? node
            : new JsonObject { ["anyOf"] = new JsonArray(node, new JsonObject { ["type"] = "boolean" }) };
    }

    private static JsonObject IntegerSchema(ICustomAttributeProvider? rules)
    {
        var node = new JsonObject { ["type"] = "integer" };
        if (SpecReader.RuleOf<SpecIntegerRangeAttribute>(rules) is not { } range)
        {
            return node;
        }

        if (!range.AllowMinusOne)
        {
            node["minimum"] = range.Minimum;
            node["maximum"] = range.Maximum;
            return node;
        }

        node["anyOf"] = new JsonArray(new JsonObject { ["minimum"] = range.Minimum, ["maximum"] = range.Maximum }, new JsonObject { ["const"] = -1 });
        return node;
    }

    private static JsonObject ListSchema(Type type, ICustomAttributeProvider? rules)
    {
        var node = new JsonObject { ["type"] = "array", ["items"] = SchemaOf(SpecShapes.ItemType(type), rules) };
        if (SpecReader.RuleOf<SpecDistinctAttribute>(rules) is not null)
        {
            node["uniqueItems"] = true;
        }

        return node;
    }

    private static JsonObject MapSchema(Type type, ICustomAttributeProvider? rules)
    {
        var node = new JsonObject { ["type"] = "object" };
        if (SpecReader.RuleOf<SpecKeyPatternAttribute>(rules) is { } keys)
        {
            node["propertyNames"] = AddName(new JsonObject(), keys);
        }

        node["additionalProperties"] = SchemaOf(SpecShapes.ItemType(type), rules);
        return node;
    }

    private static JsonObject ObjectSchema(Type type, object? defaults)
    {
        var fields = SpecShapes.FieldsOf(type);
        var properties = new JsonObject();
        foreach (var field in fields)
        {
            // Sections (csv:, jsonl:) describe their fields like top-level options; list items (table_rules) have no defaults.
            properties[field.Name] = defaults is not null ? Describe(field, field.Get!(defaults)) : SchemaOf(field.PropertyType, field.AttributeProvider);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. fields.Where(f => f.IsRequired).Select(f => (JsonNode)JsonValue.Create(f.Name))]),
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject AddName(JsonObject node, SpecNameRule name)
    {
        SetPattern(node, name.SchemaPattern);
        if (name.MaxLength > 0)
        {
            node["maxLength"] = name.MaxLength;
        }

        return node;
    }

    /// <summary>One pattern per value: two rules that each need one would have to be combined by hand.</summary>
    private static void SetPattern(JsonObject node, string pattern)
    {
        if (node.ContainsKey("pattern"))
        {
            throw new InvalidOperationException($"two spec rules need a pattern on one value ({node["pattern"]} and {pattern})");
        }

        node["pattern"] = pattern;
    }
}
