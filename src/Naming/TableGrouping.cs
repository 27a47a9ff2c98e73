namespace CqSourceS3.Naming;

/// <summary>
/// The outcome of <see cref="TableNameResolver.Group(IEnumerable{string}, KeyLayout)"/>: the tables to sync with their keys, and the
/// names that collided and so must fail instead.
/// </summary>
public sealed class TableGrouping
{
    internal TableGrouping(
        IReadOnlyDictionary<string, IReadOnlyList<string>> tables,
        IReadOnlyList<TableNameCollision> collisions)
    {
        Tables = tables;
        Collisions = collisions;
    }

    /// <summary>
    /// Table name → its keys, in the order they were given. Enumerates in ordinal name order, so
    /// discovery output is stable. Colliding names never appear here.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tables { get; }

    /// <summary>The collisions, ordered by <see cref="TableNameCollision.TableName"/> (ordinal).</summary>
    public IReadOnlyList<TableNameCollision> Collisions { get; }
}
