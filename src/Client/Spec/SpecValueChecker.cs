using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// Walks the spec's JSON against <see cref="SourceSpec"/>'s types, down into lists, maps and objects, so that every
/// problem is found in one pass and named by its path (<c>include[0]</c>, <c>table_rules[1].nme</c>). Two kinds of
/// problem are kept apart so messages read in a stable order: shape problems (unknown field, wrong JSON type, null,
/// missing) in the order the user wrote them, then rule problems (<see cref="SpecRules"/>) in the order the options
/// are declared. A value with a shape problem is left out of the result and its rules are not checked; its siblings
/// still are.
/// </summary>
internal static class SpecValueChecker
{
    private static readonly JsonWriterOptions EchoOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Checks a spec object; returns its fields without shape problems, normalised, ready to deserialize.</summary>
    public static JsonObject CheckSpec(JsonElement root, List<SpecError> errors)
    {
        var ruleErrors = new List<SpecError>();
        var fields = CheckObject(new SpecSlot("", typeof(SourceSpec), null, CanBeLeftOut: false), root, errors, ruleErrors, out _);
        errors.AddRange(ruleErrors);
        return fields;
    }

    /// <summary>The value as it will be deserialized, or null when its shape is wrong (reported in <paramref name="shape"/>).</summary>
    private static JsonNode? Check(SpecSlot slot, JsonElement value, List<SpecError> shape, List<SpecError> rules)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            var kind = SpecText.KindOf(slot.Type, slot.Rules);
            shape.Add(new SpecError(slot.Path, slot.CanBeLeftOut ? $"must not be null: give {kind} or leave the field out" : $"must not be null: give {kind}"));
            return null;
        }

        switch (SpecShapes.Of(slot.Type))
        {
            case SpecShape.String:
                return CheckString(slot, value, shape, rules);
            case SpecShape.Integer:
                return CheckInteger(slot, value, shape, rules);
            case SpecShape.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.GetBoolean());
            case SpecShape.List when value.ValueKind == JsonValueKind.Array:
                return CheckList(slot, value, shape, rules);
            case SpecShape.Map when value.ValueKind == JsonValueKind.Object:
                return CheckMap(slot, value, shape, rules);
            case SpecShape.Object when value.ValueKind == JsonValueKind.Object:
                var fields = CheckObject(slot, value, shape, rules, out var complete);
                return complete ? fields : null;
            default:
                return WrongKind(slot, value, shape);
        }
    }

    private static JsonNode? CheckString(SpecSlot slot, JsonElement value, List<SpecError> shape, List<SpecError> rules)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True or JsonValueKind.False when SpecReader.RuleOf<SpecBooleanAsTextAttribute>(slot.Rules) is not null =>
                value.GetBoolean() ? "true" : "false",
            _ => null,
        };
        if (text is null)
        {
            return WrongKind(slot, value, shape);
        }

        if (SpecRules.CheckString(slot, text) is { } error)
        {
            rules.Add(error);
        }

        return JsonValue.Create(text);
    }

    private static JsonNode? CheckInteger(SpecSlot slot, JsonElement value, List<SpecError> shape, List<SpecError> rules)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            if (SpecRules.CheckInteger(slot, number) is { } error)
            {
                rules.Add(error);
            }

            return JsonValue.Create(number);
        }

        if (IsWholeBeyondInt(value) && SpecReader.RuleOf<SpecIntegerRangeAttribute>(slot.Rules) is { } range)
        {
            var raw = value.GetRawText();
            shape.Add(new SpecError(slot.Path, $"{SpecText.Truncate(raw)} is out of range; {SpecRules.DescribeRange(range, aboveMaximum: !raw.StartsWith('-'))}"));
            return null;
        }

        return WrongKind(slot, value, shape);
    }

    private static JsonArray? CheckList(SpecSlot slot, JsonElement value, List<SpecError> shape, List<SpecError> rules)
    {
        var itemType = SpecShapes.ItemType(slot.Type);
        var items = new List<JsonNode?>();
        foreach (var item in value.EnumerateArray())
        {
            items.Add(Check(slot with { Path = SpecRules.ItemPath(slot, items.Count), Type = itemType, CanBeLeftOut = false }, item, shape, rules));
        }

        rules.AddRange(SpecRules.CheckDistinct(slot, items));
        return items.Contains(null) ? null : new JsonArray([.. items]);
    }

    private static JsonObject? CheckMap(SpecSlot slot, JsonElement value, List<SpecError> shape, List<SpecError> rules)
    {
        var valueType = SpecShapes.ItemType(slot.Type);
        var entries = new JsonObject();
        var complete = true;
        foreach (var entry in value.EnumerateObject())
        {
            var path = slot.FieldPath(entry.Name);
            if (SpecRules.CheckKey(path, entry.Name, slot.Rules) is { } error)
            {
                rules.Add(error);
            }

            var node = Check(slot with { Path = path, Type = valueType, CanBeLeftOut = false }, entry.Value, shape, rules);
            complete &= node is not null;
            entries[entry.Name] = node;
        }

        return complete ? entries : null;
    }

    /// <summary>
    /// The fields of an object without shape problems. Rule problems are listed in the fields' declaration order;
    /// inside a list item they end with the item as written, so a rule can be found in a long list.
    /// </summary>
    private static JsonObject CheckObject(SpecSlot slot, JsonElement value, List<SpecError> shape, List<SpecError> rules, out bool complete)
    {
        var fields = SpecShapes.FieldsOf(slot.Type);
        var names = fields.Select(f => f.Name).ToList();
        var fieldRules = fields.Select(_ => new List<SpecError>()).ToList();
        var valid = new JsonObject();
        complete = true;
        foreach (var field in value.EnumerateObject())
        {
            var index = names.IndexOf(field.Name);
            if (index < 0)
            {
                shape.Add(new SpecError(slot.FieldPath(field.Name), $"unknown field; allowed fields are {SpecText.FieldList(slot.Type)}"));
                complete = false;
                continue;
            }

            var property = fields[index];
            var node = Check(new SpecSlot(slot.FieldPath(field.Name), property.PropertyType, property.AttributeProvider, !property.IsRequired), field.Value, shape, fieldRules[index]);
            complete &= node is not null;
            if (node is not null)
            {
                valid[field.Name] = node;
            }
        }

        foreach (var missing in fields.Where(f => f.IsRequired && !value.TryGetProperty(f.Name, out _)))
        {
            shape.Add(new SpecError(slot.FieldPath(missing.Name), $"required but missing: give {SpecText.KindOf(missing.PropertyType, missing.AttributeProvider)}"));
            complete = false;
        }

        var where = slot.Path.Length == 0 ? "" : $" (in {SpecText.Truncate(Echo(value), 120)})";
        foreach (var (property, errors) in fields.Zip(fieldRules))
        {
            var own = slot.FieldPath(property.Name);
            rules.AddRange(errors.Select(e => e.Field == own ? e with { Message = e.Message + where } : e));
        }

        return valid;
    }

    private static JsonNode? WrongKind(SpecSlot slot, JsonElement value, List<SpecError> shape)
    {
        shape.Add(new SpecError(slot.Path, $"must be {SpecText.KindOf(slot.Type, slot.Rules)}, got {SpecText.Describe(value)}"));
        return null;
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

    /// <summary>The value as compact JSON, non-ASCII text kept readable, for quoting it in a message.</summary>
    private static string Echo(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, EchoOptions))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
