using System.Text.Json;
using Xunit;

namespace CqSourceS3.Tests.Shared;

/// <summary>One case of <c>test/cases/spec-cases.json</c>: a spec and whether Init accepts it.</summary>
public sealed record SpecCase(string Name, string SpecJson, bool Valid, IReadOnlyList<string> ErrorFields)
{
    public override string ToString() => Name;
}

/// <summary>Loads the shared spec cases, so Init, the gRPC surface and the JSON schema are held to the same list.</summary>
public static class SpecCases
{
    public static IReadOnlyList<SpecCase> All { get; } = Load();

    /// <summary>For <c>[MemberData]</c>: the case names (xUnit shows them).</summary>
    public static TheoryData<string> Names(bool? valid = null)
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(c => valid is null || c.Valid == valid))
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static SpecCase Get(string name) => All.Single(c => c.Name == name);

    private static List<SpecCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "test", "cases", "spec-cases.json")));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new SpecCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("spec").GetRawText(),
            c.GetProperty("valid").GetBoolean(),
            c.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray().Select(e => e.GetString()!)] : []))];
    }
}
