using System.Globalization;

namespace CqSourceS3.Client.Spec;

/// <summary>The checks that go beyond JSON types: per-field rules from attributes, then rules across fields.</summary>
internal static class SpecRules
{
    public static void Check(SourceSpec spec, List<SpecError> errors)
    {
        foreach (var property in SpecReader.Properties)
        {
            CheckProperty(property.Name, property.Get!(spec), property, errors);
        }

        CheckAcrossFields(spec, errors);
    }

    private static void CheckProperty(string name, object? value, System.Text.Json.Serialization.Metadata.JsonPropertyInfo property, List<SpecError> errors)
    {
        if (value is string text && SpecReader.RuleOf<SpecNonEmptyAttribute>(property) is not null && text.Trim().Length == 0)
        {
            errors.Add(new SpecError(name, "must not be empty; leave the field out instead"));
        }

        if (value is string choice && SpecReader.RuleOf<SpecAllowedValuesAttribute>(property) is { } allowed && !allowed.Values.Contains(choice))
        {
            errors.Add(new SpecError(name, $"\"{choice}\" is not supported; allowed values: {string.Join(", ", allowed.Values.Select(v => $"\"{v}\""))}"));
        }

        if (value is int number && SpecReader.RuleOf<SpecIntegerRangeAttribute>(property) is { } range && !InRange(number, range))
        {
            errors.Add(new SpecError(name, $"{number.ToString(CultureInfo.InvariantCulture)} is out of range; {DescribeRange(range, aboveMaximum: number > range.Maximum)}"));
        }

        if (value is string url && SpecReader.RuleOf<SpecUrlAttribute>(property) is not null && !IsHttpUrl(url))
        {
            // The value is not echoed: a URL may carry a password or a signed query.
            errors.Add(new SpecError(name, "is not an absolute http:// or https:// URL (e.g. http://localhost:9000)"));
        }
    }

    private static void CheckAcrossFields(SourceSpec spec, List<SpecError> errors)
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
