using CqSourceS3.Plugin.Packaging;

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
