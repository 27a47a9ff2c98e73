namespace CqSourceS3.Plugin.Packaging;

/// <summary>
/// A platform the plugin is released for, named the way Go names it (<c>GOOS</c>/<c>GOARCH</c>): the CloudQuery CLI
/// downloads <c>plugin-&lt;name&gt;-&lt;version&gt;-&lt;GOOS&gt;-&lt;GOARCH&gt;.zip</c> for the platform it runs on and
/// extracts the entry of that name, so these names must match Go's exactly, whatever .NET calls the platform.
/// </summary>
/// <param name="Os">Go's operating system name: <c>linux</c>, <c>darwin</c> or <c>windows</c>.</param>
/// <param name="Arch">Go's architecture name: <c>amd64</c> or <c>arm64</c>.</param>
/// <param name="RuntimeIdentifier">The .NET runtime identifier <c>dotnet publish -r</c> builds it with.</param>
internal sealed record PluginTarget(string Os, string Arch, string RuntimeIdentifier)
{
    private const string Prefix = "plugin-" + PluginInfo.Name + "-";

    /// <summary>
    /// Every platform a release is built for: the Go SDK's default targets, all of which have .NET runtime packs and
    /// ParquetSharp native libraries.
    /// </summary>
    public static IReadOnlyList<PluginTarget> All { get; } =
    [
        new("linux", "amd64", "linux-x64"),
        new("linux", "arm64", "linux-arm64"),
        new("darwin", "amd64", "osx-x64"),
        new("darwin", "arm64", "osx-arm64"),
        new("windows", "amd64", "win-x64"),
    ];

    /// <summary>Windows will only run a file whose name ends in <c>.exe</c>; the name inside the zip never has it.</summary>
    public string ExecutableSuffix => Os == "windows" ? ".exe" : "";

    /// <summary>The target for a .NET runtime identifier such as <c>osx-arm64</c>.</summary>
    /// <exception cref="ArgumentException">The plugin is not released for that runtime.</exception>
    public static PluginTarget FromRuntimeIdentifier(string runtimeIdentifier) =>
        All.SingleOrDefault(t => t.RuntimeIdentifier == runtimeIdentifier)
        ?? throw new ArgumentException(
            $"no release target for runtime '{runtimeIdentifier}' (known: {string.Join(", ", All.Select(t => t.RuntimeIdentifier))})",
            nameof(runtimeIdentifier));

    /// <summary><c>plugin-s3-&lt;version&gt;-&lt;os&gt;-&lt;arch&gt;</c>: the file inside the zip, as the CLI looks it up.</summary>
    public string ArtifactName(string version) => $"{Prefix}{version}-{Os}-{Arch}";

    /// <summary>The name of the built executable the <c>package</c> command takes as input.</summary>
    public string BinaryFileName(string version) => ArtifactName(version) + ExecutableSuffix;

    /// <summary>The name of the zip in the dist folder, also <c>path</c> in <c>package.json</c>.</summary>
    public string ZipFileName(string version) => ArtifactName(version) + ".zip";
}
