using CqSourceS3.Client.Spec;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Discovery;

/// <summary>
/// Which listed keys can belong to a table: names with an extension of the <c>filetype</c> only, hidden and temporary objects left out
/// (<c>ignore_hidden</c>), then the <c>include</c> and <c>exclude</c> globs, exclude winning. Applied before keys are
/// grouped into tables, so an ignored object never names, widens or fails a table.
/// </summary>
internal sealed class KeySelection
{
    private readonly KeyGlob[] _include;
    private readonly KeyGlob[] _exclude;
    private readonly bool _ignoreHidden;

    public KeySelection(IEnumerable<KeyGlob> include, IEnumerable<KeyGlob> exclude, bool ignoreHidden, ObjectFormats formats = ObjectFormats.Parquet)
    {
        Formats = formats;
        _include = [.. include];
        _exclude = [.. exclude];
        _ignoreHidden = ignoreHidden;
    }

    /// <summary>Every Parquet key that is not hidden: what a spec without <c>include</c>/<c>exclude</c> reads.</summary>
    public static KeySelection Default { get; } = new([], [], ignoreHidden: true);

    /// <summary>The selection a spec asks for. Its globs were checked when the spec was read.</summary>
    public static KeySelection For(SourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(spec.Include.Select(KeyGlob.Parse), spec.Exclude.Select(KeyGlob.Parse), spec.IgnoreHidden, FileTypes.FormatsOf(spec.Filetype));
    }

    /// <summary>The formats whose keys are read (<c>filetype</c>).</summary>
    public ObjectFormats Formats { get; }

    /// <summary>
    /// The prefix to list under: <paramref name="pathPrefix"/>, or the literal start every include glob shares when
    /// that is longer and within it, so a listing of <c>sales/2024/**</c> never pages through the rest of the bucket.
    /// </summary>
    public string ListingPrefix(string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        if (_include.Length == 0)
        {
            return pathPrefix;
        }

        var shared = KeyGlob.CommonLiteralPrefix(_include);
        return shared.Length > pathPrefix.Length && shared.StartsWith(pathPrefix, StringComparison.Ordinal) ? shared : pathPrefix;
    }

    /// <summary>Why <paramref name="key"/> is not read, or null when it is a candidate for a table.</summary>
    public IgnoreReason? Ignore(string key)
    {
        if (_ignoreHidden && HiddenKeys.Reason(key) is not null)
        {
            return IgnoreReason.Hidden;
        }

        if (!TableNames.IsCandidate(key, Formats))
        {
            return IgnoreReason.OtherFileType;
        }

        if ((_include.Length > 0 && !Array.Exists(_include, g => g.IsMatch(key))) || Array.Exists(_exclude, g => g.IsMatch(key)))
        {
            return IgnoreReason.Excluded;
        }

        return null;
    }
}
