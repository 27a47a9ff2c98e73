using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// Parses and validates the spec JSON that arrives in Init and TestConnection. Unlike a plain deserializer it
/// reports every problem at once, each naming its field and what is allowed, and rejects unknown keys.
/// </summary>
public static class SpecReader
{
    /// <summary>snake_case names, as CloudQuery specs are written.</summary>
    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The spec's properties as JSON sees them, in declaration order.</summary>
    internal static IReadOnlyList<JsonPropertyInfo> Properties { get; } =
        [.. JsonOptions.GetTypeInfo(typeof(SourceSpec)).Properties.Where(p => p.Get is not null && p.Set is not null)];

    /// <summary>Parses <paramref name="json"/> (empty bytes or <c>null</c> mean an empty spec).</summary>
    /// <exception cref="SpecException">The spec has one or more problems; all are listed.</exception>
    public static SourceSpec Read(ReadOnlySpan<byte> json)
    {
        var errors = new List<SpecError>();
        var spec = ReadFields(json, errors);
        if (spec is not null)
        {
            SpecRules.Check(spec, errors);
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
                errors.Add(new SpecError("", $"spec must be a JSON object (a YAML mapping), got {Describe(root.ValueKind)}"));
                return null;
            }

            // Unknown or mistyped fields are reported and left out, so the rules below still check the rest.
            var valid = new JsonObject();
            foreach (var field in root.EnumerateObject())
            {
                if (CheckField(field, errors))
                {
                    valid[field.Name] = JsonNode.Parse(field.Value.GetRawText());
                }
            }

            return valid.Deserialize<SourceSpec>(JsonOptions);
        }
    }

    private static bool CheckField(JsonProperty field, List<SpecError> errors)
    {
        var property = Properties.FirstOrDefault(p => p.Name == field.Name);
        if (property is null)
        {
            errors.Add(new SpecError(field.Name, $"unknown field; allowed fields are {string.Join(", ", Properties.Select(p => p.Name))}"));
            return false;
        }

        if (field.Value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new SpecError(field.Name, $"must not be null: give {KindOf(property.PropertyType)} or leave the field out"));
            return false;
        }

        try
        {
            field.Value.Deserialize(property.PropertyType, JsonOptions);
            return true;
        }
        catch (JsonException)
        {
            errors.Add(new SpecError(field.Name, IsWholeBeyondInt(field.Value) && RuleOf<SpecIntegerRangeAttribute>(property) is { } range
                ? $"{Truncate(field.Value.GetRawText())} is out of range; {SpecRules.DescribeRange(range, aboveMaximum: !field.Value.GetRawText().StartsWith('-'))}"
                : $"must be {KindOf(property.PropertyType)}, got {Describe(field.Value)}"));
            return false;
        }
    }

    /// <summary>
    /// A whole JSON number beyond <c>int</c>: it failed to become one for its size, not its form, so the message must
    /// say "out of range" rather than "must be an integer".
    /// </summary>
    private static bool IsWholeBeyondInt(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        // An integer literal that did not fit (even past double's range, e.g. 400 digits), or 1e12 and the like.
        return value.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0
            || (value.TryGetDouble(out var number) && Math.Floor(number) == number && number is < int.MinValue or > int.MaxValue);
    }

    /// <summary>How a value of this CLR type is written in the spec, for messages.</summary>
    internal static string KindOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "a string",
        var t when t == typeof(int) => "an integer",
        var t when t == typeof(bool) => "true or false",
        var t => $"a {t.Name}",
    };

    internal static T? RuleOf<T>(JsonPropertyInfo property)
        where T : Attribute =>
        property.AttributeProvider is MemberInfo member ? member.GetCustomAttribute<T>() : null;

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

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        _ => Describe(value.ValueKind),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
