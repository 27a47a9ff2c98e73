using System.Text.RegularExpressions;
using CqSourceS3.E2E.Tests.Harness;

namespace CqSourceS3.E2E.Tests.Cli;

/// <summary><c>cq-source-s3 --version</c> and <c>cq-source-s3 info</c> as a user (or a packaging script) runs them.</summary>
public sealed partial class RootCommandTests
{
    [Fact]
    public async Task VersionFlag_Run_PrintsOneVPrefixedSemanticVersion()
    {
        var (exitCode, stdout, stderr) = await PluginBinary.RunAsync(["--version"], CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Matches(SemanticVersionLine(), stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Info_Run_PrintsPackageNameKindAndTheSameVersion()
    {
        var (_, version, _) = await PluginBinary.RunAsync(["--version"], CancellationToken.None);

        var (exitCode, stdout, stderr) = await PluginBinary.RunAsync(["info"], CancellationToken.None);

        Assert.Equal(0, exitCode);
        Assert.Equal($"Package and version: cq-source-s3/source/s3@{version.Trim()}", stdout.Trim());
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task UnknownCommand_Run_FailsWithNonZeroExit()
    {
        var (exitCode, _, stderr) = await PluginBinary.RunAsync(["no-such-command"], CancellationToken.None);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no-such-command", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\Av\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\n\z")]
    private static partial Regex SemanticVersionLine();
}
