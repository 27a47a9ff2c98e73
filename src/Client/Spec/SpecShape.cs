using System.Text.Json.Serialization.Metadata;

namespace CqSourceS3.Client.Spec;

/// <summary>The JSON shapes a spec value can have; <see cref="SpecShapes.Of"/> tells them from the property's CLR type.</summary>
internal enum SpecShape
{
    String,
    Integer,
    Boolean,

    /// <summary><see cref="IReadOnlyList{T}"/>: a JSON array.</summary>
    List,

    /// <summary><see cref="IReadOnlyDictionary{TKey, TValue}"/> with string keys: a JSON object of any names.</summary>
    Map,

    /// <summary>A record with fixed fields (like <see cref="SourceSpec"/> itself): a JSON object of known names.</summary>
    Object,
}

/// <summary>
/// The one mapping from CLR property types to spec shapes, shared by the reader, the schema and the option table so
/// that a new option type is taught to all three or fails loudly in each.
/// </summary>
internal static class SpecShapes
{
    public static SpecShape Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return SpecShape.String;
        }

        if (type == typeof(int))
        {
            return SpecShape.Integer;
        }

        if (type == typeof(bool))
        {
            return SpecShape.Boolean;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return SpecShape.List;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            return SpecShape.Map;
        }

        if (type.IsClass && SpecReader.JsonOptions.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object)
        {
            return SpecShape.Object;
        }

        throw new NotSupportedException($"spec values of type {type} have no spec shape");
    }

    /// <summary>The item type of a <see cref="SpecShape.List"/> or the value type of a <see cref="SpecShape.Map"/>.</summary>
    public static Type ItemType(Type type) => type.GetGenericArguments()[^1];

    /// <summary>The fields of an <see cref="SpecShape.Object"/>, in declaration order.</summary>
    public static IReadOnlyList<JsonPropertyInfo> FieldsOf(Type type) =>
        [.. SpecReader.JsonOptions.GetTypeInfo(type).Properties.Where(p => p.Get is not null && p.Set is not null)];
}
