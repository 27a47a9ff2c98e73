using System.Text.RegularExpressions;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// A name that must match a regular expression, written once for two engines: .NET checks it in the reader and the
/// JSON schema's consumers check it in ECMAScript. <paramref name="pattern"/> is unanchored and uses only what both
/// agree on (character classes, quantifiers); each engine gets its own anchors, because .NET's <c>$</c> also matches
/// before a final newline and ECMAScript has no <c>\z</c>.
/// </summary>
/// <param name="pattern">The unanchored regular expression.</param>
/// <param name="noun">What the name is, for the option table and messages (e.g. "table name").</param>
/// <param name="rule">The pattern in words, for messages (e.g. "1–63 letters, digits or _").</param>
internal abstract class SpecNameRule(string pattern, string noun, string rule) : Attribute
{
    private readonly Regex _regex = new($"^(?:{pattern})\\z", RegexOptions.CultureInvariant);

    public string Noun { get; } = noun;

    public string Rule { get; } = rule;

    /// <summary>The most characters the name may have; <c>0</c>: no limit beyond the pattern's.</summary>
    public int MaxLength { get; init; }

    /// <summary>The pattern anchored for a JSON schema (ECMAScript).</summary>
    public string SchemaPattern { get; } = $"^(?:{pattern})$";

    public bool Matches(string name) => (MaxLength == 0 || name.Length <= MaxLength) && _regex.IsMatch(name);
}
