using System.Runtime.Versioning;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// Real permissions on a local folder: a file the process may not read is skipped for this run and read by the
/// next (its cursor holds), a subfolder it may not list fails the sync with one line naming it and moves no cursor.
/// The plugin runs as an unprivileged user when the tests run as root, for whom permissions do not apply.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UnreadableLocalFilesTests : IDisposable
{
    private const int Nobody = 65534;
    private readonly string _folder = Directory.CreateTempSubdirectory("cq-s3-unreadable-").FullName;

    public void Dispose()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? (UnixFileMode)0b111_111_101 : (UnixFileMode)0b110_110_100);
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Sync_FileWithoutReadPermission_SkippedAsTransientThenReadNextRun()
    {
        Write("data/t/a.parquet", 0, 30);
        var unreadable = Write("data/t/b.parquet", 100, 20);
        await PrepareAsync();
        File.SetUnixFileMode(unreadable, UnixFileMode.None);

        var first = await SyncAsync();
        File.SetUnixFileMode(unreadable, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var second = await SyncAsync();

        Assert.True(first.ExitCode == 1, $"exit {first.ExitCode}: {first.Errors}\n{first.Output}");
        Assert.Contains("total: 1 tables, 30 rows, 1 objects skipped, 0 tables failed", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"skipped: t/b\.parquet \(t\): cannot read 't/b\.parquet' in folder '[^']+': permission denied \([^)]*\); it is read again next run", first.Output);
        Assert.DoesNotContain("   at ", first.Output + first.Errors, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}: {second.Errors}\n{second.Output}");
        Assert.Contains("total: 1 tables, 20 rows, 0 objects skipped, 0 tables failed", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_SubfolderWithoutPermission_FailsNamingItAndMovesNoCursor()
    {
        Write("data/t/a.parquet", 0, 30);
        Write("data/u/x.parquet", 100, 20);
        await PrepareAsync();
        File.SetUnixFileMode(Path.Combine(_folder, "data", "u"), UnixFileMode.None);

        var run = await SyncAsync();

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Errors}\n{run.Output}");
        Assert.Matches(@"^sync failed: subfolder 'u/' of folder '[^']+' cannot be listed: permission denied \([^)]*\); its objects are unknown, so the sync stops and no cursor moves\n$", run.Errors);
        Assert.False(File.Exists(Path.Combine(_folder, "state.json")), "a state file was written");
    }

    private string Write(string relative, long firstRow, int rows)
    {
        var path = Path.Combine(_folder, relative);
        using var batch = SampleBatches.AllTypes(firstRow, rows);
        new ParquetFileBuilder(SampleBatches.AllTypesSchema).Add(batch).WriteTo(path);
        return path;
    }

    /// <summary>Writes the config; as root, hands the whole folder to the unprivileged user the plugin runs as.</summary>
    private async Task PrepareAsync()
    {
        File.WriteAllText(Path.Combine(_folder, "config.yml"),
            $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {Path.Combine(_folder, "data")}\n    footer_cache: false\n");
        if (!IsRoot)
        {
            return;
        }

        var chown = await ProcessRun.StartAsync("chown", ["-R", $"{Nobody}:{Nobody}", _folder], _folder, TimeSpan.FromMinutes(1));
        Assert.True(chown.ExitCode == 0, chown.Stderr);
        File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
    }

    private Task<(int ExitCode, string Output, string Errors)> SyncAsync()
    {
        string[] wrapper = IsRoot ? ["setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--"] : ["env"];
        var environment = new Dictionary<string, string?> { ["HOME"] = _folder };
        return PluginCommand.RunWrappedAsync(wrapper, environment, "sync", Path.Combine(_folder, "config.yml"), "--state", Path.Combine(_folder, "state.json"));
    }

    /// <summary>The effective user is root (/proc/self/status: "Uid: real effective saved fs").</summary>
    private static bool IsRoot =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0";
}
