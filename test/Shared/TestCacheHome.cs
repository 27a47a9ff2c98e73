namespace CqSourceS3.Tests.Shared;

/// <summary>
/// Keeps the tests out of the user's real footer cache (<c>$XDG_CACHE_HOME/cq-source-s3</c>, else
/// <c>~/.cache/cq-source-s3</c>), in two layers.
/// <list type="number">
/// <item>Each test assembly calls <see cref="Redirect"/> from a module initializer (<c>Linked/FooterCacheRedirect.cs</c>,
/// compiled into every test assembly), so before any test runs <c>XDG_CACHE_HOME</c> of the test process names a
/// folder of this run. The plugin's default cache folder follows that variable, in process and in every child
/// process (they inherit the environment): a code path nobody thought of still cannot reach the user's folder.</item>
/// <item>Each test that syncs or discovers gives its cache a folder of its own (<see cref="TestCacheFolder"/>, or a
/// subfolder of the test's own temporary folder): as <c>footer_cache_dir</c> in the specs it writes, or as
/// <see cref="Variable"/> of the plugin processes it starts (the harnesses do that for every launch), so tests never
/// share cache files, even for the same data.</item>
/// </list>
/// The guard tests (<c>HermeticFooterCacheTests</c> in each test assembly) check both layers.
/// </summary>
public static class TestCacheHome
{
    /// <summary>The variable the plugin's default cache folder follows first.</summary>
    public const string Variable = "XDG_CACHE_HOME";

    private static readonly Lock Gate = new();

    /// <summary>The plugin's default cache folder as this process found it: the user's, never to be written by a test.</summary>
    public static string RealFolder { get; private set; } = "";

    /// <summary>What <see cref="Variable"/> names for this test process (and, unless a test says otherwise, its children).</summary>
    public static string RunFolder { get; private set; } = "";

    /// <summary>
    /// Remembers <paramref name="realFolder"/> (the plugin's default cache folder before the redirect) and points
    /// <see cref="Variable"/> of this process at a new temporary folder, removed when the process exits. Once per process.
    /// </summary>
    public static void Redirect(string realFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(realFolder);
        lock (Gate)
        {
            if (RunFolder.Length > 0)
            {
                return;
            }

            RealFolder = realFolder;
            RunFolder = NewFolder();
            Environment.SetEnvironmentVariable(Variable, RunFolder);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(RunFolder);
        }
    }

    /// <summary>A new empty temporary folder for footer caches; whoever asked deletes it (<see cref="Delete"/>).</summary>
    public static string NewFolder() => Directory.CreateTempSubdirectory("cq-s3-test-cache-").FullName;

    /// <summary>Deletes <paramref name="folder"/> and everything in it, if it is still there.</summary>
    public static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temporary folder left behind is not worth failing a test over.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise (e.g. a child running as another user wrote into it).
        }
    }
}
