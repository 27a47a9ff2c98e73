namespace CqSourceS3.Naming;

/// <summary>One <c>name=value</c> partition folder of a key (see <see cref="HivePath.Partitions"/>).</summary>
/// <param name="Name">The column name as written, <c>[A-Za-z_][A-Za-z0-9_]*</c>.</param>
/// <param name="Value">
/// The value, percent-decoded as UTF-8 (<c>S%C3%A3o%20Paulo</c> → <c>São Paulo</c>; <c>+</c> stays
/// <c>+</c>, escapes that do not decode are kept as written). Null when the folder's value is empty
/// (<c>x=</c>) or <c>__HIVE_DEFAULT_PARTITION__</c>, Hive's spelling of a null partition value.
/// </param>
public readonly record struct HivePartition(string Name, string? Value);
