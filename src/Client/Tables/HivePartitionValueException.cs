namespace CqSourceS3.Client.Tables;

/// <summary>
/// A hive partition value in an object's key does not parse as the type <c>hive_types</c> declares for its
/// column. The object's data is at fault, not the spec: other objects of the table may be fine.
/// </summary>
public sealed class HivePartitionValueException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Data;

    /// <param name="key">The object key.</param>
    /// <param name="column">The partition column.</param>
    /// <param name="value">The value as found.</param>
    /// <param name="typeName">The declared type's spec name.</param>
    /// <param name="example">A valid value of the type, for types whose form is not obvious.</param>
    public HivePartitionValueException(string key, string column, string value, string typeName, string? example = null)
        : base($"object \"{key}\": partition column \"{column}\" value \"{value}\" is not {Article(typeName)} {typeName}"
            + (example is null ? "" : $" such as {example}") + " (hive_types)")
    {
        Key = key;
        Column = column;
        Value = value;
        TypeName = typeName;
    }

    /// <summary>The object key the value was taken from.</summary>
    public string Key { get; }

    /// <summary>The partition column.</summary>
    public string Column { get; }

    /// <summary>The value as it appears in the (URL-decoded) key.</summary>
    public string Value { get; }

    /// <summary>The declared type's spec name.</summary>
    public string TypeName { get; }

    private static string Article(string typeName) => typeName.StartsWith('i') ? "an" : "a";
}
