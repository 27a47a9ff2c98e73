using System.Runtime.InteropServices;
using CqSourceS3.Processes;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Release;

/// <summary>
/// The plugin as a release ships it: <c>dotnet publish</c> of <c>src/Plugin</c> as one self-contained single-file
/// executable for this machine's runtime (linux-x64 in CI), with the same properties build.cake's Publish passes and
/// a version stamped the way a release stamps it, then copied alone into an empty folder so it cannot lean on a .NET
/// install or files beside it. Published once per test run (it takes about a minute), in a temp folder with its own
/// build outputs so the working tree's bin/ and obj/ stay untouched.
/// </summary>
public static class PublishedPlugin
{
    /// <summary>The version stamped with <c>-p:Version</c>; the executable must report it <c>v</c>-prefixed.</summary>
    public const string StampedVersion = "3.2.1-release-e2e";

    /// <summary>What <c>--version</c>, GetVersion and the package use.</summary>
    public const string PluginVersion = "v" + StampedVersion;

    /// <summary>
    /// A hang guard, not a speed check: a self-contained single-file publish with ReadyToRun takes a few minutes alone,
    /// and several times that on two cores shared with another build.
    /// </summary>
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(15);
    private static readonly Lazy<Task<string>> Executable = new(PublishAsync);
    private static readonly string Root = Directory.CreateTempSubdirectory("cq-s3-release-").FullName;

    /// <summary>The .NET runtime the executable is published for: this machine's.</summary>
    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>The Go <c>os-arch</c> of <see cref="RuntimeIdentifier"/>, as the Hub package names it.</summary>
    public static string GoTarget => RuntimeIdentifier switch
    {
        "linux-x64" => "linux-amd64",
        "linux-arm64" => "linux-arm64",
        "osx-x64" => "darwin-amd64",
        "osx-arm64" => "darwin-arm64",
        "win-x64" => "windows-amd64",
        var other => throw new PlatformNotSupportedException($"no release target for {other}"),
    };

    /// <summary>The absolute path of the published executable, alone in its folder; publishes on first use.</summary>
    public static Task<string> GetPathAsync() => Executable.Value;

    private static async Task<string> PublishAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteRoot();
        var publish = Path.Combine(Root, "publish");
        var run = await ProcessRun.StartAsync(
            "dotnet",
            [
                "publish", Path.Combine(RepoPaths.Root, "src", "Plugin", "Plugin.csproj"),
                "--configuration", "Release", "--runtime", RuntimeIdentifier, "--self-contained",
                "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:DebugType=none",
                "-p:Version=" + StampedVersion,
                "--artifacts-path", Path.Combine(Root, "build"), "--output", publish,
            ],
            RepoPaths.Root,
            PublishLimit);
        run.AssertSucceeded("dotnet publish");

        var name = "cq-source-s3" + (OperatingSystem.IsWindows() ? ".exe" : "");
        var alone = Directory.CreateDirectory(Path.Combine(Root, "alone")).FullName;
        var executable = Path.Combine(alone, name);
        File.Copy(Path.Combine(publish, name), executable);
        Directory.Delete(Path.Combine(Root, "build"), recursive: true);
        Directory.Delete(publish, recursive: true);
        return executable;
    }

    private static void DeleteRoot()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing the run over.
        }
    }
}
