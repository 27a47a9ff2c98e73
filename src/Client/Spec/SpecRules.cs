using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// The checks that go beyond JSON types: the rule attributes on one value (each string, each integer, each list or
/// map key), then rules across fields. Each says what is allowed, naming the field as the user wrote it.
/// </summary>
internal static class SpecRules
{
    /// <summary>The first rule <paramref name="value"/> breaks (one message per value is enough to fix it), or null.</summary>
    public static SpecError? CheckString(SpecSlot slot, string value)
    {
        var rules = slot.Rules;
        if (SpecReader.RuleOf<SpecNonEmptyAttribute>(rules) is not null && value.Trim().Length == 0)
        {
            return new SpecError(slot.Path, slot.CanBeLeftOut ? "must not be empty; leave the field out instead" : "must not be empty");
        }

        if (SpecReader.RuleOf<SpecAllowedValuesAttribute>(rules) is { } allowed && !allowed.Values.Contains(value))
        {
            return new SpecError(slot.Path, $"\"{SpecText.Truncate(value)}\" is not supported; allowed values: {string.Join(", ", allowed.Values.Select(v => $"\"{v}\""))}");
        }

        if (SpecReader.RuleOf<SpecUrlAttribute>(rules) is not null && !IsHttpUrl(value))
        {
            // The value is not echoed: a URL may carry a password or a signed query.
            return new SpecError(slot.Path, "is not an absolute http:// or https:// URL (e.g. http://localhost:9000)");
        }

        if (SpecReader.RuleOf<SpecGlobAttribute>(rules) is not null && SpecGlobs.ErrorOf(value) is { } globError)
        {
            return new SpecError(slot.Path, $"\"{SpecText.Truncate(value)}\" is not a valid glob: {globError}");
        }

        if (SpecReader.RuleOf<SpecPatternAttribute>(rules) is { } pattern && !pattern.Matches(value))
        {
            return new SpecError(slot.Path, $"\"{SpecText.Truncate(value)}\" is not a valid {pattern.Noun}: use {pattern.Rule}");
        }

        return null;
    }

    public static SpecError? CheckInteger(SpecSlot slot, int value) =>
        SpecReader.RuleOf<SpecIntegerRangeAttribute>(slot.Rules) is { } range && !InRange(value, range)
            ? new SpecError(slot.Path, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range; {DescribeRange(range, aboveMaximum: value > range.Maximum)}")
            : null;

    /// <summary>A key of a map; <paramref name="path"/> is the entry's own path.</summary>
    public static SpecError? CheckKey(string path, string key, ICustomAttributeProvider? rules) =>
        SpecReader.RuleOf<SpecKeyPatternAttribute>(rules) is { } pattern && !pattern.Matches(key)
            ? new SpecError(path, $"\"{SpecText.Truncate(key)}\" is not a valid {pattern.Noun}: use {pattern.Rule}")
            : null;

    /// <summary>Every item of a <see cref="SpecDistinctAttribute"/> list that repeats an earlier one, named by its own path.</summary>
    public static IEnumerable<SpecError> CheckDistinct(SpecSlot list, IReadOnlyList<JsonNode?> items)
    {
        if (SpecReader.RuleOf<SpecDistinctAttribute>(list.Rules) is null)
        {
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var first = Enumerable.Range(0, i).FirstOrDefault(j => JsonNode.DeepEquals(items[j], items[i]), -1);
            if (items[i] is not null && first >= 0)
            {
                yield return new SpecError(ItemPath(list, i), string.Create(CultureInfo.InvariantCulture,
                    $"{SpecText.Truncate(items[i]!.ToJsonString())} is already {ItemPath(list, first)}; give each value once"));
            }
        }
    }

    public static string ItemPath(SpecSlot list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list.Path}[{index}]");

    public static void CheckAcrossFields(SourceSpec spec, List<SpecError> errors)
    {
        // A field already reported (e.g. bucket: null) is not reported again as missing.
        if (errors.Any(e => e.Field is "bucket" or "local_path"))
        {
            return;
        }

        if (spec.Bucket is null && spec.LocalPath is null)
        {
            errors.Add(new SpecError("bucket", "required: set bucket (an S3 bucket) or local_path (a local folder)"));
        }
        else if (spec.Bucket is not null && spec.LocalPath is not null)
        {
            errors.Add(new SpecError("local_path", "set either bucket or local_path, not both"));
        }
    }

    internal static bool InRange(int value, SpecIntegerRangeAttribute range) =>
        (value >= range.Minimum && value <= range.Maximum) || (range.AllowMinusOne && value == -1);

    /// <summary>What the range allows, in words.</summary>
    /// <param name="range">The field's range.</param>
    /// <param name="aboveMaximum">The value was too large: the maximum is named even when it is only <c>int</c>'s.</param>
    internal static string DescribeRange(SpecIntegerRangeAttribute range, bool aboveMaximum = false)
    {
        var bounds = range.Maximum == int.MaxValue && !aboveMaximum
            ? $"must be at least {range.Minimum}"
            : $"must be between {range.Minimum} and {range.Maximum}";
        return range.AllowMinusOne ? $"{bounds}, or -1 for unlimited" : bounds;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;
}
