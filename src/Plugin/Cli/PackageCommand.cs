using System.CommandLine;
using CqSourceS3.Plugin.Packaging;

namespace CqSourceS3.Plugin.Cli;

/// <summary>
/// <c>package -m MESSAGE VERSION DIR</c>: the Go SDK's <c>package</c> command (same arguments, flags and output
/// layout), except that it packages executables already built into DIR (build.cake's Publish names them
/// <c>plugin-s3-&lt;version&gt;-&lt;os&gt;-&lt;arch&gt;[.exe]</c>) instead of compiling them. Exit code 2 when the
/// inputs cannot make a package.
/// </summary>
internal static class PackageCommand
{
    public static Command Create()
    {
        var version = new Argument<string>("version") { Description = "The release version, v-prefixed (e.g. v1.2.3): users write it in version:" };
        var directory = new Argument<DirectoryInfo>("plugin_directory") { Description = "The folder holding the built binaries, named plugin-s3-<version>-<os>-<arch>[.exe]" };
        var message = new Option<string>("--message", "-m")
        {
            Description = "What is new or changed in this version (Markdown); @FILE reads it from a file",
            Required = true,
        };
        var distDir = new Option<DirectoryInfo>("--dist-dir", "-D") { Description = "Where to write the package", DefaultValueFactory = _ => new DirectoryInfo("dist") };
        var docsDir = new Option<DirectoryInfo>("--docs-dir") { Description = "The folder whose top-level *.md files become the Hub's documentation pages", DefaultValueFactory = _ => new DirectoryInfo("docs") };
        var command = new Command("package", "Package the built binaries, docs and spec schema for the CloudQuery Hub (cloudquery plugin publish)")
        {
            version, directory, message, distDir, docsDir,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(message)!, result.GetValue(version)!, result.GetValue(directory)!, result.GetValue(distDir)!, result.GetValue(docsDir)!,
            result.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string message, string version, DirectoryInfo binaries, DirectoryInfo dist, DirectoryInfo docs, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        try
        {
            var request = new PackageRequest(await ReadMessageAsync(message, cancellationToken), version, binaries.FullName, dist.FullName, docs.FullName);
            var archives = await PluginPackager.PackageAsync(request, console.Output.WriteLine, cancellationToken);
            await console.Output.WriteLineAsync($"Wrote {archives.Count} target(s), package.json, tables.json, spec_json_schema.json, docs/ and checksums.txt to {dist.FullName}");
            return 0;
        }
        catch (Exception e) when (e is PackagingException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"package failed: {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// <c>@FILE</c> reads the message from a file; either way it is trimmed and its line endings made <c>\n</c>, as
    /// the Go SDK's <c>normalizeMessage</c> does.
    /// </summary>
    internal static async Task<string> ReadMessageAsync(string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.StartsWith('@')
            ? await File.ReadAllTextAsync(message[1..], cancellationToken)
            : message;
        return text.Trim().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}
