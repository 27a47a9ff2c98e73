namespace CqSourceS3.Client.Tables;

/// <summary>
/// The metadata keys, values and internal column names of CloudQuery's table conventions, spelled exactly as the
/// Go plugin SDK writes them: the CLI and destinations compare these strings byte for byte.
/// </summary>
internal static class CqMetadata
{
    /// <summary>Schema key: the table name. Destinations reject an Insert whose schema lacks it.</summary>
    public const string TableName = "cq:table_name";

    /// <summary>Schema key: the table description ("" when unset).</summary>
    public const string TableDescription = "cq:table_description";

    /// <summary>Schema key: the table title ("" when unset).</summary>
    public const string TableTitle = "cq:table_title";

    /// <summary>Schema key: the primary-key constraint name; table-level despite the <c>extension</c> prefix.</summary>
    public const string ConstraintName = "cq:extension:constraint_name";

    /// <summary>Schema key: the table's permissions as a JSON array (<c>null</c> when unset).</summary>
    public const string TablePermissionsNeeded = "cq:table_permissions_needed";

    /// <summary>Schema key: the table's sensitive columns as a JSON array (<c>null</c> when unset).</summary>
    public const string TableSensitiveColumns = "cq:table_sensitive_columns";

    /// <summary>
    /// Schema key (table is incremental) and field key (column is an incremental key): the Go SDK uses one
    /// string for both. On the schema the CLI reads it to spare the table from delete-stale.
    /// </summary>
    public const string Incremental = "cq:extension:incremental";

    /// <summary>Field key: the column is part of the primary key.</summary>
    public const string PrimaryKey = "cq:extension:primary_key";

    /// <summary>Field key: the column has a unique constraint.</summary>
    public const string Unique = "cq:extension:unique";

    /// <summary>Field key: the column feeds the Go SDK's deterministic <c>_cq_id</c> hash.</summary>
    public const string PrimaryKeyComponent = "cq:extension:primary_key_component";

    /// <summary>Field key: the JSON schema of a JSON column ("" when unset).</summary>
    public const string TypeSchema = "cq:extension:type_schema";

    /// <summary>Field key naming an Arrow extension type.</summary>
    public const string ExtensionName = "ARROW:extension:name";

    /// <summary>Field key carrying an Arrow extension type's serialized parameters.</summary>
    public const string ExtensionMetadata = "ARROW:extension:metadata";

    /// <summary>CloudQuery's UUID extension name (storage: fixed_size_binary(16)).</summary>
    public const string UuidExtensionName = "uuid";

    /// <summary>
    /// The UUID extension's metadata. Go's UUID type rejects any other value and with it the whole IPC read.
    /// </summary>
    public const string UuidExtensionMetadata = "uuid-serialized";

    /// <summary>The value of a boolean flag that is set; readers compare with <c>== "true"</c>.</summary>
    public const string True = "true";

    /// <summary>The value of a boolean flag that is not set.</summary>
    public const string False = "false";

    /// <summary>What the Go SDK writes for an unset JSON array (<c>json.Marshal</c> of a nil slice).</summary>
    public const string JsonNull = "null";

    /// <summary>The row id column: non-null UUID, first column of every table.</summary>
    public const string CqIdColumn = "_cq_id";

    /// <summary>The parent row id column: nullable UUID, second column; null for our parentless tables.</summary>
    public const string CqParentIdColumn = "_cq_parent_id";

    /// <summary>Added by the CLI from the source spec's name; a source must not send it.</summary>
    public const string CqSourceNameColumn = "_cq_source_name";

    /// <summary>Added by the CLI from the sync start time; a source must not send it.</summary>
    public const string CqSyncTimeColumn = "_cq_sync_time";
}
