using System.IO.Compression;
using System.Security.Cryptography;

namespace CqSourceS3.Plugin.Packaging;

/// <summary>One target's zip in the dist folder, as <c>package.json</c> lists it.</summary>
/// <param name="Target">The platform.</param>
/// <param name="ZipFileName">The zip's file name (no folder), <c>path</c> in <c>package.json</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole zip file.</param>
internal sealed record TargetArchive(PluginTarget Target, string ZipFileName, string Sha256)
{
    /// <summary>
    /// Unix mode stored with the entry (a regular file, <c>rwxr-xr-x</c>: octal 100755 in the high 16 bits, as zip tools
    /// write it), so a user who unzips by hand gets an executable; the CloudQuery CLI sets the mode itself when it extracts.
    /// </summary>
    private const int ExecutableMode = unchecked((int)(0x81EDu << 16));

    /// <summary>
    /// Writes <c>plugin-s3-&lt;version&gt;-&lt;os&gt;-&lt;arch&gt;.zip</c> into <paramref name="distDirectory"/> holding
    /// exactly one entry, the binary under the name the CLI extracts (never with <c>.exe</c>), and hashes the zip.
    /// </summary>
    public static async Task<TargetArchive> WriteAsync(
        PluginTarget target, string version, string binaryPath, string distDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var zipFileName = target.ZipFileName(version);
        var zipPath = Path.Combine(distDirectory, zipFileName);
        await using (var zipFile = new FileStream(zipPath, FileMode.Create, FileAccess.Write, FileShare.None))
        await using (var zip = new ZipArchive(zipFile, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry(target.ArtifactName(version), CompressionLevel.Optimal);
            entry.ExternalAttributes = ExecutableMode;
            entry.LastWriteTime = File.GetLastWriteTimeUtc(binaryPath);
            await using var binary = File.OpenRead(binaryPath);
            await using var entryStream = await entry.OpenAsync(cancellationToken);
            await binary.CopyToAsync(entryStream, cancellationToken);
        }

        return new TargetArchive(target, zipFileName, await HashFileAsync(zipPath, cancellationToken));
    }

    /// <summary>Lower-case hex SHA-256 of a file, as <c>checksum</c> and <c>checksums.txt</c> carry it.</summary>
    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
