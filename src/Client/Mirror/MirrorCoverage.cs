using CqSourceS3.Client.Discovery;
using CqSourceS3.Client.Spec;
using CqSourceS3.Naming;

namespace CqSourceS3.Client.Mirror;

/// <summary>
/// Whether the current selection still gives a remembered key to its table: under <c>path_prefix</c>, not hidden,
/// inside <c>include</c>/<c>exclude</c>, and named that table by the layout and <c>table_rules</c>. Only such keys are
/// deleted when they are no longer listed; a key the selection no longer covers is kept, not deleted.
/// </summary>
internal sealed class MirrorCoverage(SourceSpec spec)
{
    private readonly DiscoveryRules _rules = DiscoveryRules.For(spec);

    /// <summary>The test for the keys of <paramref name="table"/>.</summary>
    public Func<string, bool> For(string table) => key =>
        key.StartsWith(spec.PathPrefix, StringComparison.Ordinal)
        && _rules.Selection.Ignore(key) is null
        && TableNameResolver.Group([key], _rules.Layout).Tables.TryGetValue(table, out var keys) && keys.Contains(key);
}
