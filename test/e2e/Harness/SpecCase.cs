namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>One entry of <c>test/cases/spec-cases.json</c>.</summary>
/// <param name="Name">What the case is about.</param>
/// <param name="SpecJson">The spec exactly as Init receives it.</param>
/// <param name="Valid">Whether Init must accept it.</param>
/// <param name="Errors">For invalid specs, the fields Init's message names, in order (<c>""</c>: the spec as a whole).</param>
public sealed record SpecCase(string Name, string SpecJson, bool Valid, IReadOnlyList<string> Errors);
