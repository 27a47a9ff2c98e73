using System.Text.Json;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Evolution;

/// <summary>
/// Objects whose schemas drift, written by DuckDB (test/tools/duckdb-lake/write-evolution.mjs): <c>orders</c> gains,
/// widens, reorders and drops columns over three objects; <c>conflict</c> has a column that is BIGINT in one object
/// and VARCHAR in the other, <c>floats</c> one that is BIGINT and DOUBLE, <c>zones</c> a timestamp without and with a
/// time zone; <c>cased</c> has <c>Name</c> and <c>name</c>. Each object's LastModified is set one
/// minute after the previous one's, in the script's order, so "newest" is the last written.
/// </summary>
public sealed class DuckDbEvolution : IAsyncLifetime
{
    private static readonly TimeSpan WriteLimit = TimeSpan.FromMinutes(2);

    public string Path { get; } = Directory.CreateTempSubdirectory("cq-s3-evolution-").FullName;

    /// <summary>The keys, oldest first.</summary>
    public IReadOnlyList<string> Keys { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var tool = System.IO.Path.Combine(RepoPaths.Root, "test", "tools", "duckdb-lake");
        if (!Directory.Exists(System.IO.Path.Combine(tool, "node_modules")))
        {
            throw new InvalidOperationException($"{tool}/node_modules is missing: run test/tools/install-test-deps.sh --no-apt");
        }

        var run = await ProcessRun.StartAsync("node", [System.IO.Path.Combine(tool, "write-evolution.mjs"), Path], tool, WriteLimit, "install Node.js 20 or later");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"write-evolution.mjs exited with {run.ExitCode}: {run.Stderr}");
        }

        using var json = JsonDocument.Parse(run.Stdout);
        Keys = [.. json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)];
        var first = DateTime.UtcNow.AddHours(-2);
        for (var i = 0; i < Keys.Count; i++)
        {
            File.SetLastWriteTimeUtc(System.IO.Path.Combine(Path, Keys[i]), first.AddMinutes(i));
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Path, recursive: true);
        return Task.CompletedTask;
    }
}
