using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// Parses and validates the spec JSON that arrives in Init and TestConnection. Unlike a plain deserializer it
/// reports every problem at once, each naming its field (down to <c>table_rules[1].name</c>) and what is allowed, and
/// rejects unknown keys.
/// </summary>
public static class SpecReader
{
    /// <summary>snake_case names, as CloudQuery specs are written; metadata from <see cref="SpecJsonContext"/>.</summary>
    internal static JsonSerializerOptions JsonOptions => SpecJsonContext.Default.Options;

    /// <summary>The spec's properties as JSON sees them, in declaration order.</summary>
    internal static IReadOnlyList<JsonPropertyInfo> Properties { get; } = SpecShapes.FieldsOf(typeof(SourceSpec));

    /// <summary>A default spec as JSON: what <see cref="WithDefaults"/> fills gaps from.</summary>
    private static readonly Lazy<JsonObject> DefaultSpec = new(() => JsonSerializer.SerializeToNode(new SourceSpec(), SpecJsonContext.Default.SourceSpec)!.AsObject());

    /// <summary>Parses <paramref name="json"/> (empty bytes or <c>null</c> mean an empty spec).</summary>
    /// <exception cref="SpecException">The spec has one or more problems; all are listed.</exception>
    public static SourceSpec Read(ReadOnlySpan<byte> json)
    {
        var errors = new List<SpecError>();
        var spec = ReadFields(json, errors);
        if (spec is not null)
        {
            SpecRules.CheckAcrossFields(spec, errors);
        }

        return errors.Count == 0 ? spec! : throw new SpecException(errors);
    }

    private static SourceSpec? ReadFields(ReadOnlySpan<byte> json, List<SpecError> errors)
    {
        if (IsEmpty(json))
        {
            return new SourceSpec();
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            errors.Add(new SpecError("", $"spec is not valid JSON: {e.Message}"));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return new SourceSpec();
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new SpecError("", $"spec must be a JSON object (a YAML mapping), got {SpecText.Describe(root.ValueKind)}"));
                return null;
            }

            // Fields with problems are reported and left out, so the rules across fields still check the rest.
            var fields = SpecValueChecker.CheckSpec(root, errors);
            return WithDefaults(fields, DefaultSpec.Value, typeof(SourceSpec)).Deserialize(SpecJsonContext.Default.SourceSpec);
        }
    }

    /// <summary>
    /// Fills every field the spec leaves out with its default, down into sections (<c>csv:</c>): the generated
    /// metadata builds a record by setting all its init-only properties at once, so a field missing from the JSON
    /// would become null or 0 instead of keeping its initializer. Maps and lists are values, never merged.
    /// </summary>
    private static JsonObject WithDefaults(JsonObject given, JsonObject defaults, Type type)
    {
        foreach (var field in SpecShapes.FieldsOf(type))
        {
            if (!given.TryGetPropertyValue(field.Name, out var value))
            {
                given[field.Name] = defaults[field.Name]?.DeepClone();
            }
            else if (value is JsonObject section && defaults[field.Name] is JsonObject sectionDefaults && SpecShapes.Of(field.PropertyType) == SpecShape.Object)
            {
                WithDefaults(section, sectionDefaults, field.PropertyType);
            }
        }

        return given;
    }

    internal static T? RuleOf<T>(JsonPropertyInfo property)
        where T : Attribute => RuleOf<T>(property.AttributeProvider);

    internal static T? RuleOf<T>(ICustomAttributeProvider? rules)
        where T : Attribute =>
        rules?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();

    private static bool IsEmpty(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
