using System.Reflection;
using System.Runtime.InteropServices;
using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Plugin.Native;

/// <summary>
/// ParquetSharp's native library inside the Native AOT executable. An ahead-of-time compiled binary cannot bundle a
/// shared library the way a single-file .NET build does, and the CloudQuery Hub ships one file per platform, so the
/// AOT build embeds the library as a resource named by its SHA-256 (Plugin.csproj). At start it is written once to the
/// plugin's cache folder, into a folder named by that hash (two versions never share a file), and ParquetSharp's
/// P/Invokes load it from there. Builds without the resource (dotnet build, the tests, the ReadyToRun builds) keep the
/// runtime's own lookup, which finds the library beside the executable or inside the single-file bundle.
/// </summary>
internal static class EmbeddedNativeLibrary
{
    private const string ResourcePrefix = "native/";

    /// <summary>The name ParquetSharp's <c>DllImport</c>s use.</summary>
    private const string LibraryName = "ParquetSharpNative";

    /// <summary>
    /// Writes the embedded library to the cache when it is not there yet and points ParquetSharp at it; does nothing
    /// in a build without it. Done at start, before any command runs, so a cache folder that cannot be written fails
    /// the process with a message rather than an object read later with a native-load error.
    /// </summary>
    /// <exception cref="NativeLibraryException">Neither the cache folder nor the temporary folder could hold the library.</exception>
    public static void Register()
    {
        var assembly = typeof(EmbeddedNativeLibrary).Assembly;
        var resource = Array.Find(assembly.GetManifestResourceNames(), n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal));
        if (resource is null)
        {
            return;
        }

        var path = Extract(assembly, resource);
        var handle = IntPtr.Zero;
        NativeLibrary.SetDllImportResolver(typeof(ParquetSharp.ParquetFileReader).Assembly, (name, _, _) =>
        {
            if (name != LibraryName)
            {
                return IntPtr.Zero;
            }

            // Loaded on the first call that needs it: a sync of no Parquet objects never maps the library.
            if (handle == IntPtr.Zero)
            {
                handle = NativeLibrary.Load(path);
            }

            return handle;
        });
    }

    /// <summary>The library's path in the cache, written there first when missing (<c>native/&lt;hash&gt;/&lt;file&gt;</c>).</summary>
    private static string Extract(Assembly assembly, string resource)
    {
        var parts = resource.Split('/');
        using var content = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the executable's resource {resource} cannot be read");
        IOException? failure = null;
        foreach (var root in new[] { FooterCacheFile.DefaultDirectory(), Path.Combine(Path.GetTempPath(), $"cq-source-s3-{Environment.UserName}") })
        {
            var folder = Path.Combine(root, "native", parts[1][..16].ToLowerInvariant());
            var file = Path.Combine(folder, parts[2]);
            try
            {
                // The file is only ever renamed into place whole, so its size tells a finished copy from none.
                var existing = new FileInfo(file);
                if (!existing.Exists || existing.Length != content.Length)
                {
                    Write(content, folder, file);
                }

                return file;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The message names the cache folder, the one the user is told to change; the fallback only adds "nor".
                failure ??= new IOException($"cannot write ParquetSharp's native library to {folder}: {e.Message}", e);
            }
        }

        throw new NativeLibraryException($"{failure!.Message} (nor to the temporary folder); set XDG_CACHE_HOME to a writable folder", failure);
    }

    /// <summary>Copies to a file of its own, then renames it into place: plugins starting at once each finish a whole copy.</summary>
    private static void Write(Stream content, string folder, string file)
    {
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{Path.GetFileName(file)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            content.Position = 0;
            using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
            {
                content.CopyTo(output);
            }

            File.Move(partial, file, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
