using Apache.Arrow;
using Apache.Arrow.Types;

namespace CqSourceS3.Client.Tables;

/// <summary>
/// The CloudQuery table for one file schema: the Arrow schema sent in MigrateTable and in every Insert (same
/// instance, same metadata, as the Go SDK's <c>Table.ToArrowSchema</c> writes it), plus where each of its
/// columns comes from so <see cref="CqRecordBuilder"/> can assemble batches without looking anything up.
/// </summary>
/// <remarks>
/// Layout: <c>_cq_id</c>, <c>_cq_parent_id</c>, the file's columns in file order, then the appended columns
/// (hive partition values, lineage) in the order given. Files written by
/// CloudQuery's own file/S3 destinations already carry the internal columns: their <c>_cq_id</c> and
/// <c>_cq_parent_id</c> (UUID text or 16-byte binary) feed ours instead of being duplicated, and their
/// <c>_cq_source_name</c> and <c>_cq_sync_time</c> are dropped because the CLI adds its own. An id column of
/// any other type is an error rather than a silent drop, since it means the file is not what it claims to be.
/// An appended column may not share a name with any column of the file (dropped ones included), with
/// CloudQuery's internal columns, or with another appended column: a destination would get two columns of one
/// name, or one would silently hide the other.
/// </remarks>
internal sealed class CqTableSchema
{
    /// <summary>CloudQuery's UUID storage type.</summary>
    public static readonly FixedSizeBinaryType UuidStorageType = new(16);

    /// <summary>CloudQuery's own extension types: the only extension keys a file column keeps, because the CLI
    /// deserializes these by name and fails the whole read on unexpected metadata.</summary>
    private static readonly Dictionary<string, string> CloudQueryExtensions = new(StringComparer.Ordinal)
    {
        [CqMetadata.UuidExtensionName] = CqMetadata.UuidExtensionMetadata,
        ["json"] = "json-serialized",
        ["inet"] = "inet-serialized",
        ["mac"] = "mac-serialized",
    };

    private CqTableSchema(string tableName, Schema fileSchema, Schema schema, CqColumnSource[] sources,
        IReadOnlyList<AppendedColumn> appended)
    {
        TableName = tableName;
        FileSchema = fileSchema;
        Schema = schema;
        Sources = sources;
        Appended = appended;
    }

    /// <summary>The table name (<c>cq:table_name</c>).</summary>
    public string TableName { get; }

    /// <summary>The normalized file schema the table was built from; every input batch must have its layout.</summary>
    public Schema FileSchema { get; }

    /// <summary>The table schema: MigrateTable and every Insert use this very instance.</summary>
    public Schema Schema { get; }

    /// <summary>Per column of <see cref="Schema"/>, in order, where its values come from.</summary>
    public IReadOnlyList<CqColumnSource> Sources { get; }

    /// <summary>The columns added after the file's, in order; empty when there are none.</summary>
    public IReadOnlyList<AppendedColumn> Appended { get; }

    /// <summary>
    /// Builds the table for <paramref name="tableName"/> from a file's (normalized) Arrow schema, followed by
    /// <paramref name="appended"/> columns in the order given.
    /// </summary>
    /// <exception cref="CqSchemaException">The file repeats a column name, has an id column of an unusable type,
    /// or an appended column's name is taken.</exception>
    public static CqTableSchema Create(string tableName, Schema fileSchema, IReadOnlyList<AppendedColumn>? appended = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(fileSchema);

        var idSource = new CqColumnSource(CqColumnOrigin.GeneratedId, -1);
        var parentSource = new CqColumnSource(CqColumnOrigin.NullParentId, -1);
        var dataFields = new List<Field>(fileSchema.FieldsList.Count);
        var dataSources = new List<CqColumnSource>(fileSchema.FieldsList.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < fileSchema.FieldsList.Count; i++)
        {
            var field = fileSchema.FieldsList[i];
            if (!seen.Add(field.Name))
            {
                throw new CqSchemaException(tableName, field.Name,
                    $"Table {tableName}: the file has more than one column named '{field.Name}'.");
            }

            switch (field.Name)
            {
                case CqMetadata.CqIdColumn:
                    RequireUuidCompatible(tableName, field);
                    idSource = new CqColumnSource(CqColumnOrigin.ReusedId, i);
                    break;
                case CqMetadata.CqParentIdColumn:
                    RequireUuidCompatible(tableName, field);
                    parentSource = new CqColumnSource(CqColumnOrigin.ReusedParentId, i);
                    break;
                case CqMetadata.CqSourceNameColumn or CqMetadata.CqSyncTimeColumn:
                    break;
                default:
                    dataFields.Add(new Field(field.Name, StorageOf(field.DataType), field.IsNullable,
                        DataFieldMetadata(field)));
                    dataSources.Add(new CqColumnSource(CqColumnOrigin.FileColumn, i));
                    break;
            }
        }

        appended ??= [];
        var appendedFields = AppendedFields(tableName, seen, appended);
        var fields = new List<Field>(dataFields.Count + appendedFields.Count + 2)
        {
            UuidField(CqMetadata.CqIdColumn, nullable: false, primaryKey: true),
            UuidField(CqMetadata.CqParentIdColumn, nullable: true, primaryKey: false),
        };
        fields.AddRange(dataFields);
        fields.AddRange(appendedFields);
        CqColumnSource[] sources =
            [idSource, parentSource, .. dataSources, .. Enumerable.Range(0, appended.Count).Select(CqColumnSource.FromAppended)];
        return new CqTableSchema(tableName, fileSchema, new Schema(fields, TableMetadata(tableName)), sources,
            System.Array.AsReadOnly(appended.ToArray()));
    }

    // Names already taken are checked before the column's own consistency: a clash is the user's to fix.
    private static List<Field> AppendedFields(string tableName, HashSet<string> fileColumns, IReadOnlyList<AppendedColumn> appended)
    {
        var fields = new List<Field>(appended.Count);
        var earlier = new Dictionary<string, AppendedColumn>(StringComparer.Ordinal);
        foreach (var column in appended)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(appended));
            if (fileColumns.Contains(column.Name))
            {
                throw Clash(tableName, column, "a column of the file of the same name");
            }

            if (column.Name is CqMetadata.CqIdColumn or CqMetadata.CqParentIdColumn or CqMetadata.CqSourceNameColumn
                or CqMetadata.CqSyncTimeColumn)
            {
                throw Clash(tableName, column, "CloudQuery's internal column of the same name");
            }

            if (earlier.TryGetValue(column.Name, out var first))
            {
                throw Clash(tableName, column, $"the {first.Role} of the same name");
            }

            RequireBuildable(column);
            earlier.Add(column.Name, column);
            fields.Add(new Field(column.Name, column.Type, nullable: true,
                ColumnFlags(primaryKey: CqMetadata.False, unique: CqMetadata.False)));
        }

        return fields;
    }

    private static CqSchemaException Clash(string tableName, AppendedColumn column, string other) =>
        new(tableName, column.Name, $"Table {tableName}: {column.Role} \"{column.Name}\" clashes with {other}.");

    // The record builder makes partition columns in the hive value types and each lineage column in its own
    // type; anything else is a caller's mistake, not the user's.
    private static void RequireBuildable(AppendedColumn column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column.Name, nameof(column));
        var fits = column.Kind == AppendedColumnKind.Partition
            ? column.PartitionIndex >= 0 && HiveValueTypes.TryOf(column.Type, out _)
            : column.PartitionIndex == -1 && LineageColumns.TryOf(column.Kind, out var lineage)
                && HiveValueTypes.TryOf(column.Type, out var type)
                && HiveValueTypes.TryOf(LineageColumns.ArrowType(lineage), out var expected) && type == expected;
        if (!fits)
        {
            throw new ArgumentException($"Appended column {column} has a type or index its kind cannot have.", nameof(column));
        }
    }

    /// <summary>True when <paramref name="type"/> stores a UUID as 16 raw bytes (plain or as an extension).</summary>
    public static bool IsUuidBinary(IArrowType type) => StorageOf(type) is FixedSizeBinaryType { ByteWidth: 16 };

    /// <summary>
    /// The storage of a .NET extension type, else the type itself. Data columns go out as storage so that the
    /// .NET writer does not stamp its own extension names (e.g. <c>arrow.uuid</c>) on fields the CLI must read.
    /// </summary>
    public static IArrowType StorageOf(IArrowType type) => type is ExtensionType extension ? extension.StorageType : type;

    private static void RequireUuidCompatible(string tableName, Field field)
    {
        if (field.DataType is not StringType && !IsUuidBinary(field.DataType))
        {
            throw new CqSchemaException(tableName, field.Name,
                $"Table {tableName}: column '{field.Name}' has type {field.DataType.Name}; CloudQuery's internal " +
                "id columns must hold UUIDs as utf8 text or fixed_size_binary(16). Rename the column in the file.");
        }
    }

    // Keys in byte order: arrow-go's MetadataFrom sorts them, so this matches the Go SDK's bytes exactly.
    private static KeyValuePair<string, string>[] TableMetadata(string tableName) =>
    [
        new(CqMetadata.ConstraintName, ""),
        new(CqMetadata.Incremental, CqMetadata.True),
        new(CqMetadata.TableDescription, ""),
        new(CqMetadata.TableName, tableName),
        new(CqMetadata.TablePermissionsNeeded, CqMetadata.JsonNull),
        new(CqMetadata.TableSensitiveColumns, CqMetadata.JsonNull),
        new(CqMetadata.TableTitle, ""),
    ];

    private static Field UuidField(string name, bool nullable, bool primaryKey)
    {
        var flag = primaryKey ? CqMetadata.True : CqMetadata.False;
        var metadata = ColumnFlags(primaryKey: flag, unique: flag);
        // arrow-go appends the extension keys after the sorted column keys when it writes an extension field.
        metadata.Add(new(CqMetadata.ExtensionName, CqMetadata.UuidExtensionName));
        metadata.Add(new(CqMetadata.ExtensionMetadata, CqMetadata.UuidExtensionMetadata));
        return new Field(name, UuidStorageType, nullable, metadata);
    }

    private static List<KeyValuePair<string, string>> DataFieldMetadata(Field field)
    {
        var metadata = ColumnFlags(primaryKey: CqMetadata.False, unique: CqMetadata.False);
        if (field.Metadata is { } source
            && source.TryGetValue(CqMetadata.ExtensionName, out var name)
            && source.TryGetValue(CqMetadata.ExtensionMetadata, out var serialized)
            && CloudQueryExtensions.TryGetValue(name, out var expected)
            && serialized == expected
            && HasExtensionStorage(name, field.DataType))
        {
            metadata.Add(new(CqMetadata.ExtensionName, name));
            metadata.Add(new(CqMetadata.ExtensionMetadata, serialized));
        }

        return metadata;
    }

    // The Go reader rebuilds the extension type over the storage it finds; a mismatch fails the whole read.
    private static bool HasExtensionStorage(string extensionName, IArrowType type) =>
        extensionName == CqMetadata.UuidExtensionName ? IsUuidBinary(type) : type.TypeId == ArrowTypeId.Binary;

    private static List<KeyValuePair<string, string>> ColumnFlags(string primaryKey, string unique) =>
    [
        new(CqMetadata.Incremental, CqMetadata.False),
        new(CqMetadata.PrimaryKey, primaryKey),
        new(CqMetadata.PrimaryKeyComponent, CqMetadata.False),
        new(CqMetadata.TypeSchema, ""),
        new(CqMetadata.Unique, unique),
    ];
}
