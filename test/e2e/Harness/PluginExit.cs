namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>How a plugin process ended and everything it wrote.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Every stdout line, in order.</param>
/// <param name="Stderr">Every stderr line, in order.</param>
public sealed record PluginExit(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr);
