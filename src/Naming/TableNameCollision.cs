using System.Text;

namespace CqSourceS3.Naming;

/// <summary>
/// Two or more different sources (directories, or root-level keys) whose table names are equal when
/// compared case-insensitively. None of their keys is synced, because merging unrelated data into one
/// table, or letting a case-insensitive destination do so later, would be silent data corruption.
/// </summary>
public sealed class TableNameCollision
{
    internal TableNameCollision(IReadOnlyList<string> tableNames, IReadOnlyList<string> sourcePrefixes)
    {
        TableNames = tableNames;
        SourcePrefixes = sourcePrefixes;
        Message = BuildMessage(tableNames, sourcePrefixes);
    }

    /// <summary>The table name to report the error under: the ordinal-first of <see cref="TableNames"/>.</summary>
    public string TableName => TableNames[0];

    /// <summary>
    /// The distinct spellings involved, sorted ordinally: one when the sources normalize to the very
    /// same name, several when they differ only in letter case (<c>Sales</c>, <c>sales</c>).
    /// </summary>
    public IReadOnlyList<string> TableNames { get; }

    /// <summary>The distinct colliding sources (see <see cref="Naming.TableNames.SourcePrefix"/>), sorted ordinally.</summary>
    public IReadOnlyList<string> SourcePrefixes { get; }

    /// <summary>
    /// The error to show the user, e.g. <c>table "a_b": keys under prefixes "a-b/" and "a_b/" normalize
    /// to the same name; rename one prefix or narrow path_prefix</c>.
    /// </summary>
    public string Message { get; }

    /// <inheritdoc cref="Message"/>
    public override string ToString() => Message;

    private static string BuildMessage(IReadOnlyList<string> tableNames, IReadOnlyList<string> sourcePrefixes)
    {
        var message = new StringBuilder()
            .Append("table \"").Append(tableNames[0]).Append("\": keys under prefixes ");
        for (var i = 0; i < sourcePrefixes.Count; i++)
        {
            if (i > 0)
            {
                message.Append(i == sourcePrefixes.Count - 1 ? " and " : ", ");
            }

            message.Append('"').Append(sourcePrefixes[i]).Append('"');
        }

        if (tableNames.Count == 1)
        {
            message.Append(" normalize to the same name");
        }
        else
        {
            message.Append(" normalize to names that differ only in letter case (")
                .AppendJoin(", ", tableNames.Select(name => $"\"{name}\""))
                .Append("), which case-insensitive destinations would merge");
        }

        return message.Append("; rename one prefix or narrow path_prefix").ToString();
    }
}
