using System.Reflection;
using System.Text.Json;

namespace CqSourceS3.Client.Spec;

/// <summary>How the reader's messages name what a field must be and what it got instead.</summary>
internal static class SpecText
{
    /// <summary>How a value of this type (under these rules) is written in the spec, e.g. "a list of strings".</summary>
    public static string KindOf(Type type, ICustomAttributeProvider? rules) => SpecShapes.Of(type) switch
    {
        SpecShape.String when SpecReader.RuleOf<SpecBooleanAsTextAttribute>(rules) is not null => "a string, true or false",
        SpecShape.String => "a string",
        SpecShape.Integer => "an integer",
        SpecShape.Boolean => "true or false",
        SpecShape.List => $"a list of {PluralOf(SpecShapes.ItemType(type))}",
        SpecShape.Map => $"an object mapping names to {PluralOf(SpecShapes.ItemType(type))}",
        _ => $"an object with the fields {FieldList(type)}",
    };

    /// <summary>The field names of an object type, as a message lists them ("match, name").</summary>
    public static string FieldList(Type type) => string.Join(", ", SpecShapes.FieldsOf(type).Select(p => p.Name));

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        _ => Describe(value.ValueKind),
    };

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A user's value cut to a length a one-line message can carry.</summary>
    public static string Truncate(string text, int length = 64) => text.Length <= length ? text : text[..length] + "…";

    private static string PluralOf(Type type) => SpecShapes.Of(type) switch
    {
        SpecShape.String => "strings",
        SpecShape.Integer => "integers",
        SpecShape.Boolean => "booleans",
        SpecShape.List => "lists",
        _ => "objects",
    };
}
