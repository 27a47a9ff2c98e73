using System.Reflection;

namespace CqSourceS3.Client.Spec;

/// <summary>Where a value sits in the spec and what it must be: the reader checks every value against one.</summary>
/// <param name="Path">The value's field as messages name it: <c>include[0]</c>, <c>hive_types.year</c>, <c>table_rules[1].name</c>.</param>
/// <param name="Type">The CLR type the value becomes.</param>
/// <param name="Rules">The property whose rule attributes apply (a list's or map's for its items).</param>
/// <param name="CanBeLeftOut">An optional field, so the way out of an error may be to leave it out; a list item or required field cannot.</param>
internal readonly record struct SpecSlot(string Path, Type Type, ICustomAttributeProvider? Rules, bool CanBeLeftOut)
{
    /// <summary>The slot of a field of this object value.</summary>
    public string FieldPath(string name) => Path.Length == 0 ? name : $"{Path}.{name}";
}
