namespace CqSourceS3.Client.Spec;

/// <summary>A string that, when given, must not be empty.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecNonEmptyAttribute : Attribute;

/// <summary>A string restricted to a fixed list of values.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecAllowedValuesAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

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
