using System.Text.Json;
using Xunit;

namespace CqSourceS3.Tests.Shared;

/// <summary>One case of <c>test/cases/spec-cases.json</c>: a spec and whether Init accepts it.</summary>
/// <param name="Name">What the case is about.</param>
/// <param name="SpecJson">The spec exactly as Init receives it.</param>
/// <param name="Valid">Whether Init must accept it.</param>
/// <param name="ErrorFields">For invalid specs, the fields Init's message names, in order (<c>""</c>: the spec as a whole).</param>
public sealed record SpecCase(string Name, string SpecJson, bool Valid, IReadOnlyList<string> ErrorFields)
{
    public override string ToString() => Name;
}

/// <summary>Loads the shared spec cases, so Init, the gRPC surface and the JSON schema are held to the same list.</summary>
public static class SpecCases
{
    /// <summary>Absolute path of the cases file (the end-to-end tests' JS client reads it too).</summary>
    public static string FilePath { get; } = Path.Combine(RepoPaths.Root, "test", "cases", "spec-cases.json");

    /// <summary>Every case, in file order.</summary>
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
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new SpecCase(
            c.GetProperty("name").GetString()!,
            c.GetProperty("spec").GetRawText(),
            c.GetProperty("valid").GetBoolean(),
            c.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray().Select(e => e.GetString()!)] : []))];
    }
}
