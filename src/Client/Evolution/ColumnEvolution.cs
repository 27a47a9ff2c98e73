namespace CqSourceS3.Client.Evolution;

/// <summary>
/// What the union found about one column of the table, so discovery can tell users how their table evolved (a column
/// added later is missing in the older objects; a column widened over time lists the types it had).
/// </summary>
/// <param name="Name">The column's name.</param>
/// <param name="MissingIn">How many objects (not distinct schemas) lack the column; their rows get nulls.</param>
/// <param name="WidenedFrom">
/// The distinct types (as <see cref="Discovery.ArrowTypeText"/> prints them) the column has in some object that differ from
/// the union's type, newest first; empty when every object that has the column has the union's type.
/// </param>
public sealed record ColumnEvolution(string Name, int MissingIn, IReadOnlyList<string> WidenedFrom);
