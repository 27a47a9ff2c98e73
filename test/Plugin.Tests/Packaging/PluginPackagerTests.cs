using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CqSourceS3.Client.Spec;
using CqSourceS3.Plugin.Packaging;

namespace CqSourceS3.Plugin.Tests.Packaging;

/// <summary>
/// The packager on small stand-in binaries: every target found becomes a zip listed in <c>package.json</c> in release
/// order with its checksum, and unusable inputs fail before anything is written.
/// </summary>
public sealed class PluginPackagerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cq-s3-packager-").FullName;
    private readonly List<string> _log = [];

    private string Binaries => Path.Combine(_root, "binaries");

    private string Dist => Path.Combine(_root, "dist");

    private string Docs => Path.Combine(_root, "docs");

    public PluginPackagerTests()
    {
        Directory.CreateDirectory(Binaries);
        Directory.CreateDirectory(Docs);
        File.WriteAllText(Path.Combine(Docs, "overview.md"), "# Overview\n");
        File.WriteAllText(Path.Combine(Docs, "notes.txt"), "not a page");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task PackageAsync_TwoTargetsAndAStrayFile_ZipsBothInReleaseOrderWithTheirChecksums()
    {
        WriteBinary("plugin-s3-v2.0.0-windows-amd64.exe", "windows binary");
        WriteBinary("plugin-s3-v2.0.0-linux-amd64", "linux binary");
        WriteBinary("plugin-s3-v1.9.0-linux-amd64", "an older build");
        WriteBinary("plugin-s3-v2.0.0-linux-arm64.exe", "no .exe outside Windows");
        WriteBinary("plugin-s3-v2.0.0-darwin-x64", "a .NET architecture name");

        var archives = await PluginPackager.PackageAsync(Request("v2.0.0"), _log.Add, CancellationToken.None);

        Assert.Equal(["linux/amd64", "windows/amd64"], archives.Select(a => $"{a.Target.Os}/{a.Target.Arch}"));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Dist, "package.json")));
        var targets = manifest.RootElement.GetProperty("supported_targets").EnumerateArray().ToList();
        Assert.Equal(["plugin-s3-v2.0.0-linux-amd64.zip", "plugin-s3-v2.0.0-windows-amd64.zip"], targets.Select(t => t.GetProperty("path").GetString()));
        foreach (var target in targets)
        {
            var zipBytes = await File.ReadAllBytesAsync(Path.Combine(Dist, target.GetProperty("path").GetString()!));
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(zipBytes)), target.GetProperty("checksum").GetString());
        }

        Assert.Equal(2, _log.Count);
    }

    [Fact]
    public async Task PackageAsync_WindowsBinary_ZipEntryDropsExeAndKeepsTheBytes()
    {
        WriteBinary("plugin-s3-v2.0.0-windows-amd64.exe", "windows binary");

        await PluginPackager.PackageAsync(Request("v2.0.0"), _log.Add, CancellationToken.None);

        await using var zip = await ZipFile.OpenReadAsync(Path.Combine(Dist, "plugin-s3-v2.0.0-windows-amd64.zip"));
        var entry = Assert.Single(zip.Entries);
        Assert.Equal("plugin-s3-v2.0.0-windows-amd64", entry.FullName);
        Assert.Equal(0x81ED, (entry.ExternalAttributes >> 16) & 0xFFFF);
        using var reader = new StreamReader(await entry.OpenAsync());
        Assert.Equal("windows binary", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task PackageAsync_OneTarget_WritesTablesSchemaDocsAndChecksums()
    {
        WriteBinary("plugin-s3-v2.0.0-darwin-arm64", "mac binary");

        var archives = await PluginPackager.PackageAsync(Request("v2.0.0"), _log.Add, CancellationToken.None);

        Assert.Equal("[]\n", await File.ReadAllTextAsync(Path.Combine(Dist, "tables.json")));
        Assert.Equal(SpecSchema.Json, await File.ReadAllTextAsync(Path.Combine(Dist, "spec_json_schema.json")));
        Assert.Equal(["overview.md"], Directory.GetFiles(Path.Combine(Dist, "docs")).Select(Path.GetFileName));
        Assert.Equal($"{archives[0].Sha256}  plugin-s3-v2.0.0-darwin-arm64.zip\n", await File.ReadAllTextAsync(Path.Combine(Dist, "checksums.txt")));
    }

    [Theory]
    [InlineData("2.0.0")]
    [InlineData("v")]
    [InlineData("v2.0.0 beta")]
    public async Task PackageAsync_VersionWithoutV_FailsBeforeWritingAnything(string version)
    {
        WriteBinary($"plugin-s3-{version}-linux-amd64", "linux binary");

        var error = await Assert.ThrowsAsync<PackagingException>(() => PluginPackager.PackageAsync(Request(version), _log.Add, CancellationToken.None));

        Assert.Contains("must start with 'v'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dist));
    }

    [Fact]
    public async Task PackageAsync_NoBinaryOfThisVersion_FailsListingTheExpectedNames()
    {
        WriteBinary("plugin-s3-v1.0.0-linux-amd64", "another version");

        var error = await Assert.ThrowsAsync<PackagingException>(() => PluginPackager.PackageAsync(Request("v2.0.0"), _log.Add, CancellationToken.None));

        Assert.Contains("plugin-s3-v2.0.0-linux-amd64", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dist));
    }

    [Fact]
    public async Task PackageAsync_MissingDocsFolder_FailsNamingIt()
    {
        WriteBinary("plugin-s3-v2.0.0-linux-amd64", "linux binary");
        Directory.Delete(Docs, recursive: true);

        var error = await Assert.ThrowsAsync<PackagingException>(() => PluginPackager.PackageAsync(Request("v2.0.0"), _log.Add, CancellationToken.None));

        Assert.Contains(Docs, error.Message, StringComparison.Ordinal);
    }

    private PackageRequest Request(string version) => new("What is new", version, Binaries, Dist, Docs);

    private void WriteBinary(string name, string content) => File.WriteAllText(Path.Combine(Binaries, name), content);
}
