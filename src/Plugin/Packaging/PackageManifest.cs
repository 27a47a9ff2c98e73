using System.Text.Encodings.Web;
using System.Text.Json;

namespace CqSourceS3.Plugin.Packaging;

/// <summary>
/// <c>package.json</c>, the manifest <c>cloudquery plugin publish</c> reads: the field names, order and
/// <c>sha256:</c>-prefixed checksums of the Go SDK's <c>PackageJSON</c> (plugin-sdk <c>serve/package.go</c>), written
/// field by field so renaming a C# member cannot change the file.
/// </summary>
internal static class PackageManifest
{
    /// <summary>The only manifest schema <c>cloudquery plugin publish</c> accepts.</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// The plugin ships its own executable (not a container image), so the CLI downloads the zip for its platform.
    /// </summary>
    public const string NativePackageType = "native";

    /// <summary>The plugin protocol versions a release serves: only v3 (what GetVersions answers).</summary>
    public static IReadOnlyList<int> Protocols { get; } = [3];

    /// <summary>Like Go's <c>SetEscapeHTML(false)</c>: a Markdown message keeps its <c>&lt;</c> and <c>&amp;</c> readable.</summary>
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the manifest (2-space indented, ending with a newline as Go's encoder does) to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, string version, string message, IReadOnlyList<TargetArchive> archives, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archives);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (var json = new Utf8JsonWriter(file, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteString("team", PluginInfo.Team);
            json.WriteString("kind", PluginInfo.Kind);
            json.WriteString("name", PluginInfo.Name);
            json.WriteString("message", message);
            json.WriteString("version", version);
            json.WriteStartArray("protocols");
            foreach (var protocol in Protocols)
            {
                json.WriteNumberValue(protocol);
            }

            json.WriteEndArray();
            json.WriteStartArray("supported_targets");
            foreach (var archive in archives)
            {
                json.WriteStartObject();
                json.WriteString("os", archive.Target.Os);
                json.WriteString("arch", archive.Target.Arch);
                json.WriteString("path", archive.ZipFileName);
                json.WriteString("checksum", "sha256:" + archive.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("package_type", NativePackageType);
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
        }

        await file.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
