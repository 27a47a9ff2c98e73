using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Release;

/// <summary>
/// The Hub package the published executable makes of itself: its binary, named as build.cake's Package names it, in
/// an otherwise empty folder, packaged by <c>cq-source-s3 package</c> with the repository's docs into a fresh dist
/// folder. Made once per test class; deleted afterwards.
/// </summary>
public sealed class PackagedRelease : IAsyncLifetime
{
    private static readonly TimeSpan PackageLimit = TimeSpan.FromMinutes(3);

    private readonly string _root = Directory.CreateTempSubdirectory("cq-s3-package-").FullName;

    /// <summary>The published executable that was packaged (and that made the package).</summary>
    public string Executable { get; private set; } = "";

    /// <summary>The <c>plugin-s3-&lt;version&gt;-&lt;os&gt;-&lt;arch&gt;</c> name of the packaged target.</summary>
    public string ArtifactName { get; } = $"plugin-s3-{PublishedPlugin.PluginVersion}-{PublishedPlugin.GoTarget}";

    /// <summary>The dist folder the command wrote.</summary>
    public string Dist => Path.Combine(_root, "dist");

    /// <summary>The release message given with <c>-m</c>, with the surrounding blank lines the command must trim.</summary>
    public const string Message = "\n  First release: **Parquet** from S3 <fast> & small.\r\n";

    /// <summary>The package command's own output.</summary>
    public ProcessRun Run { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        Executable = await PublishedPlugin.GetPathAsync();
        var binaries = Directory.CreateDirectory(Path.Combine(_root, "binaries")).FullName;
        File.Copy(Executable, Path.Combine(binaries, ArtifactName + (OperatingSystem.IsWindows() ? ".exe" : "")));
        Run = await ProcessRun.StartAsync(
            Executable,
            ["package", "-m", Message, PublishedPlugin.PluginVersion, binaries, "--dist-dir", Dist, "--docs-dir", Path.Combine(RepoPaths.Root, "docs")],
            _root,
            PackageLimit);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
