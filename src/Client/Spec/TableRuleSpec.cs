using System.Text.Json.Serialization;

namespace CqSourceS3.Client.Spec;

/// <summary>One item of <c>table_rules</c> (documented there): keys that <paramref name="Match"/> go to table <paramref name="Name"/>.</summary>
/// <param name="Match">A glob over the whole key.</param>
/// <param name="Name">The table's name.</param>
public sealed record TableRuleSpec(
    [property: JsonRequired, SpecNonEmpty, SpecGlob] string Match,
    [property: JsonRequired, SpecPattern("[A-Za-z0-9_]+", "table name", "1–63 characters, each A–Z, a–z, 0–9 or _", MaxLength = 63)] string Name);
