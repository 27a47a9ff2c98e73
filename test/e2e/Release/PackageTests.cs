using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CqSourceS3.E2E.Tests.Harness;
using CqSourceS3.Tests.Shared;

namespace CqSourceS3.E2E.Tests.Release;

/// <summary>
/// <c>cq-source-s3 package</c> run by the published executable on itself: the layout <c>cloudquery plugin
/// publish</c> uploads and the CLI downloads (a zip per target holding exactly the binary under the name the CLI
/// extracts, checksums that match, the manifest's fields, docs, tables and the spec schema GetSpecSchema serves).
/// </summary>
[Collection(E2ECollectionDefinition.Name)]
public sealed class PackageTests(PackagedRelease package, ITestOutputHelper output) : IClassFixture<PackagedRelease>
{
    [Fact]
    public void Package_PublishedBinary_WritesTheHubLayout()
    {
        package.Run.AssertSucceeded("package");

        var files = Directory.GetFileSystemEntries(package.Dist).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        string[] expected = ["checksums.txt", "docs", package.ArtifactName + ".zip", "package.json", "spec_json_schema.json", "tables.json"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public async Task PackageJson_PublishedBinary_HasTheManifestFieldsAndTheZipsChecksum()
    {
        package.Run.AssertSucceeded("package");
        var zip = Path.Combine(package.Dist, package.ArtifactName + ".zip");

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package.Dist, "package.json")));

        var root = manifest.RootElement;
        Assert.Equal(
            ["schema_version", "team", "kind", "name", "message", "version", "protocols", "supported_targets", "package_type"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("schema_version").GetInt32());
        Assert.Equal("cq-source-s3", root.GetProperty("team").GetString());
        Assert.Equal("source", root.GetProperty("kind").GetString());
        Assert.Equal("s3", root.GetProperty("name").GetString());
        Assert.Equal("First release: **Parquet** from S3 <fast> & small.", root.GetProperty("message").GetString());
        Assert.Equal(PublishedPlugin.PluginVersion, root.GetProperty("version").GetString());
        Assert.Equal([3], root.GetProperty("protocols").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("native", root.GetProperty("package_type").GetString());
        var target = Assert.Single(root.GetProperty("supported_targets").EnumerateArray());
        var (os, arch) = (PublishedPlugin.GoTarget.Split('-')[0], PublishedPlugin.GoTarget.Split('-')[1]);
        Assert.Equal(os, target.GetProperty("os").GetString());
        Assert.Equal(arch, target.GetProperty("arch").GetString());
        Assert.Equal(package.ArtifactName + ".zip", target.GetProperty("path").GetString());
        Assert.Equal("sha256:" + await Sha256Async(zip), target.GetProperty("checksum").GetString());
    }

    [Fact]
    public async Task Zip_PublishedBinary_HoldsExactlyTheBinaryUnderTheNameTheCliExtracts()
    {
        package.Run.AssertSucceeded("package");

        await using var zip = await ZipFile.OpenReadAsync(Path.Combine(package.Dist, package.ArtifactName + ".zip"));

        var entry = Assert.Single(zip.Entries);
        Assert.Equal(package.ArtifactName, entry.FullName);
        await using var content = await entry.OpenAsync();
        Assert.Equal(await Sha256Async(package.Executable), Convert.ToHexStringLower(await SHA256.HashDataAsync(content)));
    }

    [Fact]
    public async Task ChecksumsTablesAndDocs_PublishedBinary_MatchTheZipAnEmptyTableListAndTheRepositoryDocs()
    {
        package.Run.AssertSucceeded("package");
        var zipName = package.ArtifactName + ".zip";

        var checksums = await File.ReadAllTextAsync(Path.Combine(package.Dist, "checksums.txt"));
        using var tables = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package.Dist, "tables.json")));

        Assert.Equal($"{await Sha256Async(Path.Combine(package.Dist, zipName))}  {zipName}\n", checksums);
        Assert.Equal(JsonValueKind.Array, tables.RootElement.ValueKind);
        Assert.Equal(0, tables.RootElement.GetArrayLength());
        var docs = Path.Combine(RepoPaths.Root, "docs");
        Assert.Equal(
            Directory.GetFiles(docs, "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(package.Dist, "docs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(docs, "overview.md")),
            await File.ReadAllTextAsync(Path.Combine(package.Dist, "docs", "overview.md")));
    }

    [Fact]
    public async Task SpecJsonSchema_PublishedBinary_IsExactlyWhatGetSpecSchemaServes()
    {
        package.Run.AssertSucceeded("package");
        await using var plugin = await PluginProcess.StartAsync(new PluginLaunchOptions { Executable = package.Executable }, output, CancellationToken.None);

        var results = await NodeClient.RunAsync(plugin.Target, ["schema"], output, CancellationToken.None);

        Assert.Equal(
            results.SucceededOnce("GetSpecSchema").Text("json_schema"),
            await File.ReadAllTextAsync(Path.Combine(package.Dist, "spec_json_schema.json")));
        await plugin.StopAsync(PluginSignal.Interrupt, CancellationToken.None);
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
