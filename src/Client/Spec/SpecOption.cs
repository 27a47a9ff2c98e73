using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// One spec option as users read it: its name, type, default and meaning, all derived from <see cref="SourceSpec"/>.
/// The meaning is the property's <see cref="DescriptionAttribute"/>, the one text per option; the type comes from the
/// rule attributes <see cref="SpecReader"/> enforces; the default from the property initializer or a
/// <see cref="SpecDefaultTextAttribute"/>. The JSON schema's descriptions and the option tables of README.md and
/// docs/configuration.md are made from these records (the tables are pasted from <see cref="MarkdownTable"/>, and a
/// test fails with the expected rows whenever they drift).
/// </summary>
/// <param name="Name">The option's key in the spec (snake_case).</param>
/// <param name="Type">The type column: the JSON type narrowed by the option's rules.</param>
/// <param name="Default">The default column: the value in backticks, the <see cref="SpecDefaultTextAttribute"/>, or "—".</param>
/// <param name="Meaning">The option's <see cref="DescriptionAttribute"/>.</param>
/// <param name="DefaultText">The <see cref="SpecDefaultTextAttribute"/>, when the option has one.</param>
internal sealed record SpecOption(string Name, string Type, string Default, string Meaning, string? DefaultText)
{
    /// <summary>The header of the option table.</summary>
    public const string TableHeader = "| option | type | default | meaning |";

    /// <summary>Every option, in the spec's declaration order.</summary>
    public static IReadOnlyList<SpecOption> All { get; } = [.. SpecReader.Properties.Select(p => Of(p, p.Get!(new SourceSpec())))];

    /// <summary>
    /// The options of the spec's sections (<c>csv:</c>, <c>jsonl:</c>), named by path (<c>csv.delimiter</c>), in
    /// declaration order. The table lists them right after their section.
    /// </summary>
    public static IReadOnlyList<SpecOption> Nested { get; } = [.. SpecReader.Properties.SelectMany(p => NestedOf(p.Name, p.PropertyType, p.Get!(new SourceSpec())))];

    /// <summary>Every row of the option table, in its order: each option, a section followed by its fields.</summary>
    public static IReadOnlyList<SpecOption> TableOptions { get; } =
        [.. All.SelectMany(o => Nested.Where(n => n.Name.StartsWith(o.Name + ".", StringComparison.Ordinal)).Prepend(o))];

    /// <summary>The whole option table as the README and docs/configuration.md carry it (lines end with <c>\n</c>).</summary>
    public static string MarkdownTable { get; } = BuildTable();

    /// <summary>This option's row of the table.</summary>
    public string Row => $"| `{Name}` | {Type} | {Default} | {Meaning} |";

    /// <summary>The schema's <c>description</c>: the meaning, plus the default in words when it is not a value.</summary>
    public string SchemaDescription => DefaultText is null ? Meaning : $"{Meaning} Default: {DefaultText}.";

    /// <summary>The option of <paramref name="property"/>, whose value in a default spec is <paramref name="defaultValue"/>.</summary>
    public static SpecOption Of(JsonPropertyInfo property, object? defaultValue)
    {
        ArgumentNullException.ThrowIfNull(property);
        var meaning = SpecReader.RuleOf<DescriptionAttribute>(property)?.Description
            ?? throw new InvalidOperationException($"spec option {property.Name} has no [Description]");
        var defaultText = SpecReader.RuleOf<SpecDefaultTextAttribute>(property)?.Text;
        if (defaultText is not null && defaultValue is not null)
        {
            throw new InvalidOperationException($"spec option {property.Name} has both a default value and a [SpecDefaultText]");
        }

        // A section's defaults are its fields', listed in their own rows.
        var shownDefault = defaultText ?? (IsSection(property.PropertyType) ? "—" : DefaultOf(defaultValue, property.PropertyType));
        return new SpecOption(property.Name, TypeOf(property), shownDefault, meaning, defaultText);
    }

    /// <summary>The fields of a section (an object-valued option other than a list item), each named <c>section.field</c>.</summary>
    private static IEnumerable<SpecOption> NestedOf(string section, Type type, object? defaults) =>
        IsSection(type)
            ? SpecShapes.FieldsOf(type).Select(f => Of(f, f.Get!(defaults!)) with { Name = $"{section}.{f.Name}" })
            : [];

    private static bool IsSection(Type type) => SpecShapes.Of(type) == SpecShape.Object;

    private static string TypeOf(JsonPropertyInfo property) => TypeOf(property.PropertyType, property.AttributeProvider, plural: false);

    /// <summary>The type column for a value of <paramref name="type"/>: "list of globs", "`a` or `b`", "map of column name to …".</summary>
    private static string TypeOf(Type type, ICustomAttributeProvider? rules, bool plural) => SpecShapes.Of(type) switch
    {
        SpecShape.String => StringTypeOf(rules, plural),
        SpecShape.Integer when SpecReader.RuleOf<SpecIntegerRangeAttribute>(rules) is { } range && !plural => RangeOf(range),
        SpecShape.Integer => plural ? "integers" : "integer",
        SpecShape.Boolean => plural ? "booleans" : "boolean",
        SpecShape.List => $"list of {TypeOf(SpecShapes.ItemType(type), rules, plural: true)}",
        SpecShape.Map => $"map of {SpecReader.RuleOf<SpecKeyPatternAttribute>(rules)?.Noun ?? "string"} to {TypeOf(SpecShapes.ItemType(type), rules, plural: false)}",
        _ => $"`{{{SpecText.FieldList(type)}}}`{(plural ? " objects" : " object")}",
    };

    private static string StringTypeOf(ICustomAttributeProvider? rules, bool plural)
    {
        if (SpecReader.RuleOf<SpecAllowedValuesAttribute>(rules) is { } allowed)
        {
            var values = allowed.Values.Select(v => $"`{v}`").ToList();
            return values.Count == 1 ? values[0] : $"{string.Join(", ", values[..^1])} or {values[^1]}";
        }

        var noun = SpecReader.RuleOf<SpecUrlAttribute>(rules) is not null ? "http(s) URL"
            : SpecReader.RuleOf<SpecGlobAttribute>(rules) is not null ? "glob"
            : SpecReader.RuleOf<SpecPatternAttribute>(rules)?.Noun ?? "string";
        return plural ? noun + "s" : noun;
    }

    private static string RangeOf(SpecIntegerRangeAttribute range)
    {
        var text = range.Maximum == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"integer ≥ {range.Minimum}")
            : string.Create(CultureInfo.InvariantCulture, $"integer {range.Minimum}–{range.Maximum}");
        return range.AllowMinusOne ? $"{text}, or `-1`" : text;
    }

    private static string DefaultOf(object? value, Type declared) => value switch
    {
        null => "—",
        "" => "`\"\"`",
        string text => $"`{text}`",
        _ => $"`{JsonSerializer.Serialize(value, SpecReader.JsonOptions.GetTypeInfo(declared))}`",
    };

    private static string BuildTable()
    {
        var table = new StringBuilder().Append(TableHeader).Append('\n').Append("|---|---|---|---|\n");
        foreach (var option in TableOptions)
        {
            table.Append(option.Row).Append('\n');
        }

        return table.ToString();
    }
}
