using System.Text.RegularExpressions;
using CqSourceS3.Plugin.Packaging;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.Plugin.Tests.Packaging;

/// <summary>The Go os/arch names the CloudQuery CLI downloads by, and the file names built from them.</summary>
public sealed class PluginTargetTests
{
    [Theory]
    [InlineData("linux-x64", "linux", "amd64")]
    [InlineData("linux-arm64", "linux", "arm64")]
    [InlineData("osx-x64", "darwin", "amd64")]
    [InlineData("osx-arm64", "darwin", "arm64")]
    [InlineData("win-x64", "windows", "amd64")]
    public void FromRuntimeIdentifier_ReleasedRuntime_MapsToGoOsAndArch(string runtimeIdentifier, string os, string arch)
    {
        var target = PluginTarget.FromRuntimeIdentifier(runtimeIdentifier);

        Assert.Equal((os, arch), (target.Os, target.Arch));
    }

    [Theory]
    [InlineData("linux-musl-x64")]
    [InlineData("win-arm64")]
    [InlineData("x64")]
    public void FromRuntimeIdentifier_UnreleasedRuntime_ThrowsNamingTheKnownOnes(string runtimeIdentifier)
    {
        var error = Assert.Throws<ArgumentException>(() => PluginTarget.FromRuntimeIdentifier(runtimeIdentifier));

        Assert.Contains(runtimeIdentifier, error.Message, StringComparison.Ordinal);
        Assert.Contains("osx-arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_ReleaseTargets_AreTheGoSdkDefaultsOnce()
    {
        var names = PluginTarget.All.Select(t => $"{t.Os}/{t.Arch}");

        Assert.Equal(["linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"], names);
    }

    [Fact]
    public void BuildScript_ReleaseTargetsTable_MapsEveryRuntimeAsPluginTargetDoes()
    {
        // build.cake cannot load the plugin's types before building it, so it keeps its own runtime -> os-arch table
        // for naming the binaries it publishes; the package command then rejects any name that disagrees with this.
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "build.cake"));
        var table = Regex.Match(script, @"var releaseTargets = new Dictionary<string, string>\s*\{(?<entries>[^}]*)\}");
        Assert.True(table.Success, "build.cake has no releaseTargets table");

        var entries = Regex.Matches(table.Groups["entries"].Value, @"\[""(?<rid>[^""]+)""\]\s*=\s*""(?<target>[^""]+)""")
            .Select(m => (m.Groups["rid"].Value, m.Groups["target"].Value));

        Assert.Equal(PluginTarget.All.Select(t => (t.RuntimeIdentifier, $"{t.Os}-{t.Arch}")), entries);
    }

    [Fact]
    public void Names_LinuxTarget_HaveNoSuffixAndTheZipEntryEqualsTheBinary()
    {
        var target = PluginTarget.FromRuntimeIdentifier("linux-arm64");

        Assert.Equal("plugin-s3-v1.2.3-linux-arm64", target.ArtifactName("v1.2.3"));
        Assert.Equal("plugin-s3-v1.2.3-linux-arm64", target.BinaryFileName("v1.2.3"));
        Assert.Equal("plugin-s3-v1.2.3-linux-arm64.zip", target.ZipFileName("v1.2.3"));
    }

    [Fact]
    public void Names_WindowsTarget_BinaryHasExeButTheZipEntryDoesNot()
    {
        var target = PluginTarget.FromRuntimeIdentifier("win-x64");

        Assert.Equal("plugin-s3-v1.2.3-windows-amd64", target.ArtifactName("v1.2.3"));
        Assert.Equal("plugin-s3-v1.2.3-windows-amd64.exe", target.BinaryFileName("v1.2.3"));
        Assert.Equal("plugin-s3-v1.2.3-windows-amd64.zip", target.ZipFileName("v1.2.3"));
    }
}
