using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Describes an Arrow schema as text (names, full types, nullability, field and schema metadata, recursively), so
/// tests can assert two schemas are equal and see the difference when they are not.
/// </summary>
public static class ArrowSchemaText
{
    /// <summary>The whole schema, one field per line, metadata last.</summary>
    public static string Describe(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return string.Join("\n", schema.FieldsList.Select(Describe)) + "\nmetadata " + Metadata(schema.Metadata);
    }

    /// <summary>One field: <c>name: type [not null] {metadata}</c>.</summary>
    public static string Describe(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return $"{field.Name}: {Describe(field.DataType)}{(field.IsNullable ? "" : " not null")}{(field.HasMetadata ? " " + Metadata(field.Metadata) : "")}";
    }

    /// <summary>One type with its parameters and children.</summary>
    public static string Describe(IArrowType type) => type switch
    {
        TimestampType t => $"timestamp[{t.Unit}, tz={t.Timezone ?? "none"}]",
        Time32Type t => $"time32[{t.Unit}]",
        Time64Type t => $"time64[{t.Unit}]",
        DurationType t => $"duration[{t.Unit}]",
        Decimal128Type t => $"decimal128({t.Precision},{t.Scale})",
        Decimal256Type t => $"decimal256({t.Precision},{t.Scale})",
        FixedSizeBinaryType t => $"{t.Name}[{t.ByteWidth}]",
        DictionaryType t => $"dictionary<{Describe(t.IndexType)}, {Describe(t.ValueType)}>",
        FixedSizeListType t => $"fixed_size_list[{t.ListSize}]<{Describe(t.ValueField)}>",
        MapType t => $"map[sorted={t.KeySorted}]<{Describe(t.Fields[0])}>",
        NestedType t => $"{t.Name}<{string.Join(", ", t.Fields.Select(Describe))}>",
        _ => type.Name,
    };

    private static string Metadata(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null ? "{}" : "{" + string.Join(", ", metadata.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";
}
