using System.Text.Json;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Harness;

/// <summary>
/// Runs <c>test/e2e/js/client.mjs</c>, CloudQuery's own generated JS gRPC client, against a running plugin and
/// returns its results: one JSON object per stdout line, one or more per step (see the script's header).
/// </summary>
public static class NodeClient
{
    /// <summary>The folder holding <c>client.mjs</c>, its <c>package.json</c> and lock file.</summary>
    public static string Directory { get; } = Path.Combine(RepoPaths.Root, "test", "e2e", "js");

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    /// <summary>Runs the steps in order on one channel to <paramref name="target"/>.</summary>
    /// <exception cref="InvalidOperationException">node failed (not an RPC error: those are results).</exception>
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(string target, IEnumerable<string> steps, ITestOutputHelper output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await NodeModules.EnsureInstalledAsync(output.WriteLine, cancellationToken);
        var arguments = new List<string> { Path.Combine(Directory, "client.mjs"), target };
        arguments.AddRange(steps);
        var run = await RunToolAsync("node", arguments, Directory, cancellationToken);
        foreach (var line in run.StdoutLines)
        {
            output.WriteLine("client: " + (line.Length > 600 ? line[..600] + "…" : line));
        }

        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"node client.mjs exited with {run.ExitCode}:\n{run.Stderr}");
        }

        return [.. run.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>Runs node or npm to completion in <paramref name="workingDirectory"/>; a missing tool says what to install.</summary>
    internal static Task<ProcessRun> RunToolAsync(string tool, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        ProcessRun.StartAsync(tool, arguments, workingDirectory, RunLimit,
            whenMissing: "the end-to-end tests need Node.js >= 20 with npm (CloudQuery's JS client drives the plugin)", cancellationToken: cancellationToken);
}
