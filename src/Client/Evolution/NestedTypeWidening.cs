using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// The widenings of <see cref="TypeWidening"/> that recurse: lists (list, large_list, fixed_size_list), structs (union of
/// fields by name) and maps. A nested field is nullable when either side's is, or, in a struct, when one side lacks it,
/// because the objects of that side will supply nulls for it. Names and metadata of nested fields come from the newer side.
/// </summary>
internal static class NestedTypeWidening
{
    public static bool Handles(IArrowType type) => type.TypeId is ArrowTypeId.List or ArrowTypeId.LargeList
        or ArrowTypeId.FixedSizeList or ArrowTypeId.Struct or ArrowTypeId.Map;

    public static IArrowType? Widen(IArrowType newer, IArrowType older, out TypeConflict? conflict)
    {
        conflict = null;
        switch (newer, older)
        {
            case (StructType a, StructType b):
                return WidenStructs(a, b, out conflict);
            case (MapType a, MapType b):
                return WidenMaps(a, b, out conflict);
            case (FixedSizeListType a, FixedSizeListType b) when a.ListSize == b.ListSize:
                var fixedItem = WidenField(a.ValueField, b.ValueField, out conflict);
                return fixedItem is null ? null : new FixedSizeListType(fixedItem, a.ListSize);
        }

        if (ListItem(newer) is not { } newerItem || ListItem(older) is not { } olderItem)
        {
            conflict = new TypeMismatch("", newer, older);
            return null;
        }

        var item = WidenField(newerItem, olderItem, out conflict);
        if (item is null)
        {
            return null;
        }

        // A list with a large_list needs the large one: its 64-bit offsets hold whatever the 32-bit ones do.
        return newer.TypeId == ArrowTypeId.List && older.TypeId == ArrowTypeId.List ? new ListType(item) : new LargeListType(item);
    }

    private static StructType? WidenStructs(StructType newer, StructType older, out TypeConflict? conflict)
    {
        conflict = null;
        var newerNames = newer.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var fields = new List<Field>(newer.Fields.Count);
        var byFoldedName = new Dictionary<string, Field>(StringComparer.OrdinalIgnoreCase);
        var olderOnly = older.Fields.Where(f => !newerNames.Contains(f.Name));
        foreach (var field in newer.Fields.Concat(olderOnly))
        {
            if (byFoldedName.TryGetValue(field.Name, out var clashing))
            {
                conflict = new FieldNameClash("", clashing.Name, newerNames.Contains(clashing.Name), field.Name, newerNames.Contains(field.Name));
                return null;
            }

            byFoldedName.Add(field.Name, field);
            var inNewer = newerNames.Contains(field.Name);
            var other = inNewer ? older.GetFieldByName(field.Name) : null;
            if (other is null)
            {
                // Objects of the side without this field supply nulls for it.
                fields.Add(field.IsNullable ? field : new Field(field.Name, field.DataType, nullable: true, field.Metadata));
                continue;
            }

            var widened = WidenField(field, other, out conflict);
            if (widened is null)
            {
                return null;
            }

            fields.Add(widened);
        }

        return new StructType(fields);
    }

    private static MapType? WidenMaps(MapType newer, MapType older, out TypeConflict? conflict)
    {
        var key = WidenField(newer.KeyField, older.KeyField, out conflict);
        if (key is null)
        {
            return null;
        }

        var value = WidenField(newer.ValueField, older.ValueField, out conflict);
        if (value is null)
        {
            return null;
        }

        // Map keys are never null; and the union's keys are sorted only if both sides promise it.
        var requiredKey = key.IsNullable ? new Field(key.Name, key.DataType, nullable: false, key.Metadata) : key;
        return new MapType(requiredKey, value, newer.KeySorted && older.KeySorted);
    }

    /// <summary>The newer field with the widened type, nullable when either is; a conflict's path gains the field's name.</summary>
    private static Field? WidenField(Field newer, Field older, out TypeConflict? conflict)
    {
        var type = TypeWidening.Widen(newer.DataType, older.DataType, out conflict);
        if (type is null)
        {
            conflict = conflict is null ? null : Below(newer.Name, conflict);
            return null;
        }

        var nullable = newer.IsNullable || older.IsNullable;
        return ReferenceEquals(type, newer.DataType) && nullable == newer.IsNullable ? newer : new Field(newer.Name, type, nullable, newer.Metadata);
    }

    private static TypeConflict Below(string name, TypeConflict conflict)
    {
        var path = conflict.Path.Length == 0 ? name : $"{name}.{conflict.Path}";
        return conflict with { Path = path };
    }

    private static Field? ListItem(IArrowType type) => type switch
    {
        ListType list => list.ValueField,
        LargeListType largeList => largeList.ValueField,
        _ => null,
    };
}
