using System.Reflection;
using CqSourceS3.Processes;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>
/// Finds the built <c>cq-source-s3</c> executable the tests launch. The project references <c>src/Plugin</c> with
/// <c>ReferenceOutputAssembly=false</c>, so building the tests (alone or through the solution) builds the plugin first;
/// the path of its output for the same configuration is baked into this assembly at build time.
/// <c>CQ_S3_PLUGIN_BINARY</c> points the tests at another binary: build.cake's Test sets it to the executable it has just
/// published for this machine (the release build, Native AOT on Linux), so the suite tests what users run.
/// </summary>
public static class PluginBinary
{
    /// <summary>Environment variable that overrides the binary's path.</summary>
    public const string OverrideVariable = "CQ_S3_PLUGIN_BINARY";

    /// <summary>The absolute path of the executable; fails loudly when it has not been built.</summary>
    public static string Path { get; } = Locate();

    /// <summary>Runs the binary with <paramref name="arguments"/> to completion (for <c>--version</c>, <c>info</c>).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var run = await ProcessRun.StartAsync(Path, arguments, Environment.CurrentDirectory, TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        return (run.ExitCode, run.Stdout, run.Stderr);
    }

    private static string Locate()
    {
        var path = Environment.GetEnvironmentVariable(OverrideVariable);
        if (string.IsNullOrEmpty(path))
        {
            path = typeof(PluginBinary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "PluginBinaryPath").Value;
        }

        return File.Exists(path)
            ? System.IO.Path.GetFullPath(path!)
            : throw new FileNotFoundException(
                $"The plugin executable is not at {path}. Build it first (dotnet build test/e2e builds src/Plugin), " +
                $"or set {OverrideVariable} to a built cq-source-s3.", path);
    }
}
