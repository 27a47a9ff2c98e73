using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Cli;

/// <summary>
/// Runs the plugin built next to the test assembly as a user would, from the repository root, and collects its output.
/// Each run gets an <c>XDG_CACHE_HOME</c> of its own, deleted when it ends: a config without <c>footer_cache_dir</c>
/// (the bundled quick start) keeps its footer cache there, never in the user's folder nor beside another test's.
/// A test that needs the cache warm across its runs names a folder of its own in its config (<see cref="CopyExamples"/>).
/// </summary>
internal static class PluginCommand
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        using var cacheHome = new TestCacheFolder();
        var run = await ProcessRun.StartAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "cq-source-s3.dll"), .. arguments], RepoPaths.Root, TimeSpan.FromMinutes(2),
            environment: cacheHome.ChildEnvironment());
        return (run.ExitCode, run.Stdout, run.Stderr);
    }

    /// <summary>
    /// Runs the plugin through <paramref name="wrapper"/> (e.g. <c>setpriv …</c> or <c>bash -c 'ulimit …; exec "$@"'</c>),
    /// with <paramref name="environment"/> set for it alone (and a cache home of its own, as <see cref="RunAsync"/>).
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunWrappedAsync(
        IReadOnlyList<string> wrapper, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var cacheHome = new TestCacheFolder();
        var run = await ProcessRun.StartAsync(
            wrapper[0], [.. wrapper.Skip(1), "dotnet", Path.Combine(AppContext.BaseDirectory, "cq-source-s3.dll"), .. arguments],
            RepoPaths.Root, TimeSpan.FromMinutes(3), environment: cacheHome.ChildEnvironment(environment));
        return (run.ExitCode, run.Stdout, run.Stderr);
    }

    /// <summary>
    /// A copy of the bundled examples/data in a temporary folder, with a config pointing at it and keeping its footer
    /// cache in the same folder (so it stays warm across the test's runs, as for a user, and goes with the folder).
    /// </summary>
    public static (string Folder, string Data, string Config) CopyExamples(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        var data = Path.Combine(folder, "data");
        var from = Path.Combine(RepoPaths.Root, "examples", "data");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(data, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var config = Path.Combine(folder, "config.yml");
        File.WriteAllText(config, $"kind: source\nspec:\n  name: s3\n  spec:\n    local_path: {data}\n    footer_cache_dir: {Path.Combine(folder, "footer-cache")}\n");
        return (folder, data, config);
    }
}
