using CqSourceS3.Client.Discovery;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// The checks of the <c>HermeticFooterCacheTests</c> guard in each test assembly: the redirect of
/// <see cref="TestCacheHome"/> is in place, and a sync or discovery wrote its footer cache file where it was sent and
/// not into the user's folder. Compiled into each test assembly (like <see cref="FooterCacheRedirect"/>) because it
/// names the Client's internal <see cref="FooterCacheFile"/>.
/// </summary>
/// <remarks>
/// A file is recognised by its name, which the plugin derives from the store location and <c>path_prefix</c> alone:
/// the user's folder may gain other files meanwhile (the user's own syncs, or a checkout without this guard), so
/// comparing whole listings of it would fail for reasons no test controls.
/// </remarks>
internal static class HermeticFooterCacheAssert
{
    /// <summary>
    /// This process's <c>XDG_CACHE_HOME</c> is this run's folder, not the parent of the user's cache folder, so the
    /// plugin's default cache folder here is under the run's folder.
    /// </summary>
    public static void DefaultFolderIsRedirected()
    {
        var variable = Environment.GetEnvironmentVariable(TestCacheHome.Variable);

        Assert.False(string.IsNullOrEmpty(TestCacheHome.RealFolder), "the module initializer did not record the user's cache folder");
        Assert.Equal(TestCacheHome.RunFolder, variable);
        Assert.NotEqual(Path.GetDirectoryName(TestCacheHome.RealFolder), variable);
        Assert.NotEqual(TestCacheHome.RealFolder, FooterCacheFile.DefaultDirectory());
        Assert.StartsWith(TestCacheHome.RunFolder + Path.DirectorySeparatorChar, FooterCacheFile.DefaultDirectory(), StringComparison.Ordinal);
        Assert.True(Directory.Exists(TestCacheHome.RunFolder), $"{TestCacheHome.RunFolder} is gone");
    }

    /// <summary>The name of the footer cache file for objects of <paramref name="location"/> under <paramref name="prefix"/>, in any folder.</summary>
    public static string FileName(string location, string prefix = "") =>
        Path.GetFileName(FooterCacheFile.For(TestCacheHome.RealFolder, location, prefix).Path);

    /// <summary>
    /// The footer cache file for <paramref name="location"/> is somewhere under <paramref name="folder"/> and nowhere in
    /// the user's cache folder (nor in each of <paramref name="notIn"/>); returns its path.
    /// </summary>
    public static string WrittenOnlyUnder(string folder, string location, params string[] notIn)
    {
        var name = FileName(location);

        Assert.False(File.Exists(Path.Combine(TestCacheHome.RealFolder, name)), $"the user's cache folder {TestCacheHome.RealFolder} has {name}");
        foreach (var other in notIn)
        {
            Assert.Empty(Directory.Exists(other) ? Directory.GetFiles(other, name, SearchOption.AllDirectories) : []);
        }

        return Assert.Single(Directory.GetFiles(folder, name, SearchOption.AllDirectories));
    }
}
