using CqSourceS3.Client.Spec;

namespace CqSourceS3.Tests.Shared;

/// <summary>
/// One test's own footer cache folder (the second layer of <see cref="TestCacheHome"/>): named as
/// <c>footer_cache_dir</c> in the specs the test builds (<see cref="For"/>), or as <c>XDG_CACHE_HOME</c> of the plugin
/// processes it starts (<see cref="ChildEnvironment"/>). Tests then never share cache files: a footer one test cached
/// cannot answer for another test's object of the same folder, key, size and time, and hide the read it expects.
/// Deleted on dispose.
/// </summary>
public sealed class TestCacheFolder : IDisposable
{
    /// <summary>The folder, empty when created.</summary>
    public string Path { get; } = TestCacheHome.NewFolder();

    /// <summary><paramref name="spec"/> with its footer cache in this folder.</summary>
    public SourceSpec For(SourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec with { FooterCacheDir = Path };
    }

    /// <summary>
    /// The environment of a child process whose default cache folder lies in this folder: <paramref name="others"/>
    /// plus <see cref="TestCacheHome.Variable"/>, unless <paramref name="others"/> sets that itself.
    /// </summary>
    public Dictionary<string, string?> ChildEnvironment(IReadOnlyDictionary<string, string?>? others = null)
    {
        var environment = new Dictionary<string, string?>(others ?? new Dictionary<string, string?>());
        environment.TryAdd(TestCacheHome.Variable, Path);
        return environment;
    }

    public void Dispose() => TestCacheHome.Delete(Path);
}
