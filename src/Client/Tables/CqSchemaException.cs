using CqSourceS3.Client;
namespace CqSourceS3.Client.Tables;

/// <summary>A file's columns cannot be turned into a CloudQuery table (duplicate names, an unusable id column, a
/// partition or lineage column whose name is taken).</summary>
public sealed class CqSchemaException : SourceException
{
    /// <inheritdoc />
    public override FailureKind Kind => FailureKind.Data;

    public CqSchemaException(string tableName, string columnName, string message)
        : base(message)
    {
        TableName = tableName;
        ColumnName = columnName;
    }

    /// <summary>The table being built.</summary>
    public string TableName { get; }

    /// <summary>The offending column.</summary>
    public string ColumnName { get; }
}
