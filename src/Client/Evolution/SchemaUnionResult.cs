using Apache.Arrow;

namespace CqSourceS3.Client.Evolution;

/// <summary>
/// The union of a table's object schemas: <see cref="Schema"/> and <see cref="Columns"/> when it succeeded, else
/// <see cref="Conflict"/>, one message for the user naming the column and two objects (the first conflict found, so the
/// same objects always give the same message).
/// </summary>
/// <param name="Schema">The table's schema; null on a conflict.</param>
/// <param name="Columns">One entry per column of <see cref="Schema"/>, in its order; empty on a conflict.</param>
/// <param name="Conflict">Why no union exists; null when it does.</param>
public sealed record SchemaUnionResult(Schema? Schema, IReadOnlyList<ColumnEvolution> Columns, string? Conflict)
{
    internal static SchemaUnionResult Failed(string conflict) => new(null, [], conflict);
}
