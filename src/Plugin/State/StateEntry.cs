namespace CqSourceS3.Plugin.State;

/// <summary>
/// One state row as the Go SDK's versioned state table keeps it. The version grows by one on every change, so a
/// backend without primary keys (which appends instead of upserting) still lets the reader pick the newest row.
/// </summary>
/// <param name="Value">The stored value ("" for a null cell, as Go reads it).</param>
/// <param name="Version">The row's version (0 for a null cell).</param>
internal readonly record struct StateEntry(string Value, ulong Version);
