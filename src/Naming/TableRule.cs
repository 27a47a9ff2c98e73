namespace CqSourceS3.Naming;

/// <summary>
/// Names the table of every key <paramref name="Match"/> matches, overriding the name its folders
/// would give. Lakes rarely follow one folder-per-table layout; a rule lets users say
/// <c>logs/app-*/**</c> is table <c>app_logs</c>.
/// </summary>
/// <param name="Match">The keys this rule claims; the first rule of a <see cref="KeyLayout"/> that
/// matches a key wins.</param>
/// <param name="Name">
/// The table name, used verbatim (not normalized), so callers check it with
/// <see cref="TableNames.IsValidName"/> when reading the spec. Rules sharing a name fill one table on
/// purpose.
/// </param>
public sealed record TableRule(KeyGlob Match, string Name);
