using System.Text;
using CqSourceS3.Client.Spec;

namespace CqSourceS3.Plugin.Packaging;

/// <summary>
/// Writes the CloudQuery Hub package of a release, the layout of the Go SDK's <c>package</c> command: one zip per
/// target, <c>package.json</c>, <c>tables.json</c>, <c>docs/</c>, <c>spec_json_schema.json</c>, plus a
/// <c>checksums.txt</c> for people who download a zip by hand. Unlike the Go SDK it does not compile anything: the
/// binaries come from <c>dotnet publish</c> (build.cake's Publish), already named for their targets.
/// </summary>
internal static class PluginPackager
{
    /// <summary>
    /// The tables a source reports without a connection. The Go SDK fills it from GetTables after an Init with no
    /// connection; this plugin's tables are whatever Parquet objects a bucket holds, so without a bucket there are
    /// none, and an empty list is the honest answer (<c>cloudquery plugin publish</c> requires the file for sources).
    /// </summary>
    public const string TablesJson = "[]\n";

    /// <summary>Builds the package and returns the zips it wrote, in <see cref="PluginTarget.All"/> order.</summary>
    /// <exception cref="PackagingException">The version, binaries or docs folder are unusable.</exception>
    public static async Task<IReadOnlyList<TargetArchive>> PackageAsync(PackageRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var binaries = FindBinaries(request);
        var docs = FindDocs(request.DocsDirectory);
        Directory.CreateDirectory(request.DistDirectory);

        var archives = new List<TargetArchive>();
        foreach (var (target, binaryPath) in binaries)
        {
            log($"Packaging {target.Os}/{target.Arch}: {Path.GetFileName(binaryPath)} -> {target.ZipFileName(request.Version)}");
            archives.Add(await TargetArchive.WriteAsync(target, request.Version, binaryPath, request.DistDirectory, cancellationToken));
        }

        await PackageManifest.WriteAsync(Path.Combine(request.DistDirectory, "package.json"), request.Version, request.Message, archives, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(request.DistDirectory, "tables.json"), TablesJson, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(request.DistDirectory, "spec_json_schema.json"), SpecSchema.Json, cancellationToken);
        CopyDocs(docs, Path.Combine(request.DistDirectory, "docs"));
        await File.WriteAllTextAsync(Path.Combine(request.DistDirectory, "checksums.txt"), ChecksumsText(archives), cancellationToken);
        return archives;
    }

    /// <summary>
    /// <c>sha256sum</c>'s format (<c>&lt;hex&gt;  &lt;file&gt;</c>), so <c>sha256sum -c checksums.txt</c> verifies
    /// downloaded zips.
    /// </summary>
    public static string ChecksumsText(IEnumerable<TargetArchive> archives)
    {
        var text = new StringBuilder();
        foreach (var archive in archives)
        {
            text.Append(archive.Sha256).Append("  ").Append(archive.ZipFileName).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The binaries named for this version, one per target. Other files are ignored, but a folder with none is an
    /// error: a package without binaries cannot be installed.
    /// </summary>
    private static List<(PluginTarget Target, string Path)> FindBinaries(PackageRequest request)
    {
        // The CLI requires the v and looks the zip entry up by the exact version string the user wrote.
        if (!request.Version.StartsWith('v') || request.Version.Length < 2 || request.Version.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\'))
        {
            throw new PackagingException($"version '{request.Version}' must start with 'v' (e.g. v1.2.3), as CloudQuery's version: field does");
        }

        if (!Directory.Exists(request.BinariesDirectory))
        {
            throw new PackagingException($"binaries folder {request.BinariesDirectory} does not exist");
        }

        var found = PluginTarget.All
            .Select(target => (Target: target, Path: Path.Combine(request.BinariesDirectory, target.BinaryFileName(request.Version))))
            .Where(binary => File.Exists(binary.Path))
            .ToList();
        if (found.Count == 0)
        {
            var expected = string.Join(", ", PluginTarget.All.Select(t => t.BinaryFileName(request.Version)));
            throw new PackagingException($"no binaries for {request.Version} in {request.BinariesDirectory}: expected one or more of {expected}");
        }

        return found;
    }

    /// <summary>The top-level Markdown files of the docs folder (the Go SDK copies only those, and requires the folder).</summary>
    private static List<string> FindDocs(string docsDirectory)
    {
        if (!Directory.Exists(docsDirectory))
        {
            throw new PackagingException($"docs folder {docsDirectory} does not exist (set --docs-dir)");
        }

        var pages = Directory.EnumerateFiles(docsDirectory, "*.md", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        return pages.Count > 0 ? pages : throw new PackagingException($"docs folder {docsDirectory} has no *.md pages");
    }

    private static void CopyDocs(IEnumerable<string> pages, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var page in pages)
        {
            File.Copy(page, Path.Combine(destination, Path.GetFileName(page)), overwrite: true);
        }
    }
}
