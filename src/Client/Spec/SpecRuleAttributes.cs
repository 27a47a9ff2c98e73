namespace CqSourceS3.Client.Spec;

// Rules on one string (non-empty, allowed values, URL, glob, pattern) hold for every string the option holds: the
// option itself, each item of a list, each value of a map. The others (distinct, key pattern) are about the list or
// map as a whole. SpecReader, SpecSchema and SpecOption all read them this way.

/// <summary>A string that, when given, must not be empty.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecNonEmptyAttribute : Attribute;

/// <summary>A string restricted to a fixed list of values.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecAllowedValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>
/// A string option that also takes a JSON boolean, read as <c>"true"</c> or <c>"false"</c>: YAML turns an unquoted
/// <c>true</c> into a boolean, and users should not have to quote it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecBooleanAsTextAttribute : Attribute;

/// <summary>An integer within [Minimum, Maximum], or -1 when <see cref="AllowMinusOne"/> ("unlimited").</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecIntegerRangeAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;

    public int Maximum { get; } = maximum;

    public bool AllowMinusOne { get; init; }
}

/// <summary>An absolute http(s) URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecUrlAttribute : Attribute;

/// <summary>A glob over object keys, checked by <see cref="SpecGlobs.ErrorOf"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecGlobAttribute : Attribute;

/// <summary>A list whose items may appear only once.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecDistinctAttribute : Attribute;

/// <summary>A string that must match a regular expression (a name: the table column calls it <see cref="SpecNameRule.Noun"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecPatternAttribute(string pattern, string noun, string rule) : SpecNameRule(pattern, noun, rule);

/// <summary>A map whose keys must match a regular expression.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecKeyPatternAttribute(string pattern, string noun, string rule) : SpecNameRule(pattern, noun, rule);
