using System.Text;

namespace CqSourceS3.Naming;

/// <summary>
/// Two or more different sources (directories, root-level keys, or table rules) whose table names are
/// equal when compared case-insensitively. None of their keys is synced, because merging unrelated data
/// into one table, or letting a case-insensitive destination do so later, would be silent data
/// corruption.
/// </summary>
public sealed class TableNameCollision
{
    internal TableNameCollision(IReadOnlyList<string> tableNames, IReadOnlyList<string> sourcePrefixes)
        : this(tableNames, sourcePrefixes, [])
    {
    }

    internal TableNameCollision(
        IReadOnlyList<string> tableNames,
        IReadOnlyList<string> sourcePrefixes,
        IReadOnlyList<string> rulePatterns)
    {
        TableNames = tableNames;
        SourcePrefixes = [.. sourcePrefixes, .. rulePatterns.Select(RuleSource)];
        Message = BuildMessage(tableNames, sourcePrefixes, rulePatterns);
    }

    /// <summary>The table name to report the error under: the ordinal-first of <see cref="TableNames"/>.</summary>
    public string TableName => TableNames[0];

    /// <summary>
    /// The distinct spellings involved, sorted ordinally: one when the sources normalize to the very
    /// same name, several when they differ only in letter case (<c>Sales</c>, <c>sales</c>).
    /// </summary>
    public IReadOnlyList<string> TableNames { get; }

    /// <summary>
    /// The distinct colliding sources (see <see cref="Naming.TableNames.SourcePrefix"/>), sorted
    /// ordinally, followed by the table rules involved, each as <c>rule "&lt;glob&gt;"</c>
    /// (e.g. <c>rule "logs/app-*/**"</c>), sorted by glob.
    /// </summary>
    public IReadOnlyList<string> SourcePrefixes { get; }

    /// <summary>
    /// The error to show the user, e.g. <c>table "a_b": keys under prefixes "a-b/" and "a_b/" normalize
    /// to the same name; rename one prefix or narrow path_prefix</c>, or, with a table rule involved,
    /// <c>table "logs": keys under prefix "logs/" and keys matched by rule "logs/app-*/**" map to the
    /// same name; rename a prefix or a rule's table, or narrow path_prefix</c>.
    /// </summary>
    public string Message { get; }

    /// <inheritdoc cref="Message"/>
    public override string ToString() => Message;

    private static string RuleSource(string pattern) => $"rule \"{pattern}\"";

    private static string BuildMessage(
        IReadOnlyList<string> tableNames,
        IReadOnlyList<string> sourcePrefixes,
        IReadOnlyList<string> rulePatterns)
    {
        var message = new StringBuilder().Append("table \"").Append(tableNames[0]).Append("\": ");
        if (sourcePrefixes.Count > 0)
        {
            message.Append(sourcePrefixes.Count == 1 ? "keys under prefix " : "keys under prefixes ");
            AppendQuotedList(message, sourcePrefixes);
        }

        if (rulePatterns.Count > 0)
        {
            message
                .Append(sourcePrefixes.Count > 0 ? " and " : string.Empty)
                .Append(rulePatterns.Count == 1 ? "keys matched by rule " : "keys matched by rules ");
            AppendQuotedList(message, rulePatterns);
        }

        // Rule names are used verbatim, so only derived names "normalize".
        message.Append(rulePatterns.Count == 0 ? " normalize to " : " map to ");
        if (tableNames.Count == 1)
        {
            message.Append("the same name");
        }
        else
        {
            message.Append("names that differ only in letter case (")
                .AppendJoin(", ", tableNames.Select(name => $"\"{name}\""))
                .Append("), which case-insensitive destinations would merge");
        }

        return message
            .Append(rulePatterns.Count == 0
                ? "; rename one prefix or narrow path_prefix"
                : "; rename a prefix or a rule's table, or narrow path_prefix")
            .ToString();
    }

    private static void AppendQuotedList(StringBuilder message, IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                message.Append(i == items.Count - 1 ? " and " : ", ");
            }

            message.Append('"').Append(items[i]).Append('"');
        }
    }
}
