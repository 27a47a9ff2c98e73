using Apache.Arrow;
using Apache.Arrow.Types;
using CqSourceS3.Client.Tables;

namespace CqSourceS3.Plugin.State;

/// <summary>
/// The state table exactly as the Go SDK's versioned state client declares it (<c>key</c> utf8 primary key,
/// <c>value</c> utf8, <c>version</c> uint64 deliberately not a key), so our plugin and a Go plugin can share one
/// backend table, and the rows that travel in and out of it.
/// </summary>
internal static class StateTable
{
    public const string KeyColumn = "key";
    public const string ValueColumn = "value";
    public const string VersionColumn = "version";

    /// <summary>The table's Arrow schema with the table and column metadata the Go SDK writes for it.</summary>
    public static Schema Schema(string tableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        Field[] fields =
        [
            // Go builds these columns without NotNull, so even the key is nullable on the wire.
            new(KeyColumn, StringType.Default, nullable: true, ColumnMetadata(primaryKey: true)),
            new(ValueColumn, StringType.Default, nullable: true, ColumnMetadata(primaryKey: false)),
            new(VersionColumn, UInt64Type.Default, nullable: true, ColumnMetadata(primaryKey: false)),
        ];
        return new Schema(fields, TableMetadata(tableName));
    }

    /// <summary>One record batch of <paramref name="rows"/> over <paramref name="schema"/>; the caller disposes it.</summary>
    public static RecordBatch Rows(Schema schema, IReadOnlyCollection<KeyValuePair<string, StateEntry>> rows)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new StringArray.Builder();
        var values = new StringArray.Builder();
        var versions = new UInt64Array.Builder();
        foreach (var (key, entry) in rows)
        {
            keys.Append(key);
            values.Append(entry.Value);
            versions.Append(entry.Version);
        }

        return new RecordBatch(schema, [keys.Build(), values.Build(), versions.Build()], rows.Count);
    }

    /// <summary>
    /// Folds the rows of <paramref name="batch"/> into <paramref name="entries"/>, keeping the highest version per
    /// key; a later row with an equal version wins (Go's rule, for backends that append rather than upsert).
    /// Columns are taken by position (key, value, version) as the Go client does; a missing version column reads
    /// as version 0.
    /// </summary>
    /// <exception cref="InvalidDataException">The batch's columns are not utf8, utf8, uint64.</exception>
    public static void Merge(RecordBatch batch, Dictionary<string, StateEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(entries);
        if (batch.Length == 0)
        {
            return;
        }

        var keys = ColumnAs<StringArray>(batch, 0, "utf8");
        var values = ColumnAs<StringArray>(batch, 1, "utf8");
        var versions = batch.ColumnCount > 2 ? ColumnAs<UInt64Array>(batch, 2, "uint64") : null;
        for (var row = 0; row < batch.Length; row++)
        {
            var key = keys.GetString(row) ?? "";
            var version = versions?.GetValue(row) ?? 0;
            if (entries.TryGetValue(key, out var current) && current.Version > version)
            {
                continue;
            }

            entries[key] = new StateEntry(values.GetString(row) ?? "", version);
        }
    }

    private static T ColumnAs<T>(RecordBatch batch, int index, string expectedType)
        where T : class, IArrowArray
    {
        if (index >= batch.ColumnCount)
        {
            throw new InvalidDataException(
                $"the state rows have {batch.ColumnCount} columns; expected key, value and version");
        }

        return batch.Column(index) as T ?? throw new InvalidDataException(
            $"state column {index} ('{batch.Schema.GetFieldByIndex(index).Name}') is {batch.Column(index).Data.DataType.Name}; expected {expectedType}");
    }

    // Keys in byte order, as arrow-go's MetadataFrom sorts them. Not incremental, so no cq:extension:incremental.
    private static KeyValuePair<string, string>[] TableMetadata(string tableName) =>
    [
        new(CqMetadata.ConstraintName, ""),
        new(CqMetadata.TableDescription, ""),
        new(CqMetadata.TableName, tableName),
        new(CqMetadata.TablePermissionsNeeded, CqMetadata.JsonNull),
        new(CqMetadata.TableSensitiveColumns, CqMetadata.JsonNull),
        new(CqMetadata.TableTitle, ""),
    ];

    private static KeyValuePair<string, string>[] ColumnMetadata(bool primaryKey) =>
    [
        new(CqMetadata.Incremental, CqMetadata.False),
        new(CqMetadata.PrimaryKey, primaryKey ? CqMetadata.True : CqMetadata.False),
        new(CqMetadata.PrimaryKeyComponent, CqMetadata.False),
        new(CqMetadata.TypeSchema, ""),
        new(CqMetadata.Unique, CqMetadata.False),
    ];
}
