using System.Diagnostics;
using System.Text;
using System.Text.Json;
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
        var (exitCode, stdout, stderr) = await RunToolAsync("node", arguments, Directory, cancellationToken);
        foreach (var line in stdout)
        {
            output.WriteLine("client: " + (line.Length > 600 ? line[..600] + "…" : line));
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node client.mjs exited with {exitCode}:\n{string.Join('\n', stderr)}");
        }

        return [.. stdout.Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>Runs a tool to completion; a missing tool is an error that says what to install.</summary>
    internal static async Task<(int ExitCode, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr)> RunToolAsync(
        string tool, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{tool}' was not found on PATH: the end-to-end tests need Node.js >= 20 with npm (CloudQuery's JS client drives the plugin)", e);
        }

        using (process)
        {
            var stdout = ReadLinesAsync(process.StandardOutput, cancellationToken);
            var stderr = ReadLinesAsync(process.StandardError, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RunLimit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish within {RunLimit.TotalSeconds:0} s");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }

    private static async Task<IReadOnlyList<string>> ReadLinesAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
