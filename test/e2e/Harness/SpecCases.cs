using System.Text.Json;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>The shared spec cases that Init, the spec reader tests and the JSON schema must all agree on.</summary>
public static class SpecCases
{
    /// <summary>Absolute path of the cases file (the JS client reads it too).</summary>
    public static string FilePath { get; } = Path.Combine(RepoPaths.Root, "test", "cases", "spec-cases.json");

    /// <summary>Every case, in file order.</summary>
    public static IReadOnlyList<SpecCase> All { get; } = Load();

    private static SpecCase[] Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
        return
        [
            .. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new SpecCase(
                c.GetProperty("name").GetString()!,
                c.GetProperty("spec").GetRawText(),
                c.GetProperty("valid").GetBoolean(),
                c.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray().Select(e => e.GetString()!)] : [])),
        ];
    }
}
