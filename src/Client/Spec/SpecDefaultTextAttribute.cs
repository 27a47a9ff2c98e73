namespace CqSourceS3.Client.Spec;

/// <summary>
/// What an option without a default value (its property is null when left out) falls back to, in words: the default
/// column of the option table and the "Default:" sentence of the schema's description. Options with a value default
/// need none; their property initializer is the default.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SpecDefaultTextAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
