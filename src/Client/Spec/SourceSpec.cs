using System.Collections.ObjectModel;
using System.ComponentModel;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// The plugin's spec: the nested <c>spec:</c> block of a CloudQuery source config, sent as JSON in Init.
/// One type feeds parsing (<see cref="SpecReader"/>), validation, the JSON schema (<see cref="SpecSchema"/>)
/// and the option tables of README.md and docs/configuration.md (<see cref="SpecOption"/>).
/// </summary>
/// <remarks>
/// Each option's text is written once, in its <see cref="DescriptionAttribute"/>; the schema and the tables are made
/// from it. The XML summaries only point there, so that no second copy can drift from it.
/// </remarks>
public sealed record SourceSpec
{
    /// <summary>The <c>bucket</c> option, documented by its Description.</summary>
    [Description("The S3 bucket to read. Required unless `local_path` is set; the two exclude each other.")]
    [SpecNonEmpty]
    public string? Bucket { get; init; }

    /// <summary>The <c>local_path</c> option, documented by its Description.</summary>
    [Description("A folder of files read instead of a bucket (keys are paths relative to it, with `/`). Required unless `bucket` is set.")]
    [SpecNonEmpty]
    public string? LocalPath { get; init; }

    /// <summary>The <c>region</c> option, documented by its Description.</summary>
    [Description("AWS region of the bucket, e.g. `eu-west-1`. On AWS S3 (no `endpoint`) a region must be found: without one the sync stops with an error saying where to set it.")]
    [SpecDefaultText("`local_profile`'s region, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the region of profile `AWS_PROFILE` (or `default`); with an `endpoint` and none of these, `us-east-1`")]
    [SpecNonEmpty]
    public string? Region { get; init; }

    /// <summary>The <c>path_prefix</c> option, documented by its Description.</summary>
    [Description("Only objects whose key starts with this prefix are listed and read (pushed into the listing request).")]
    public string PathPrefix { get; init; } = "";

    /// <summary>The <c>filetype</c> option, documented by its Description.</summary>
    [Description("Which objects are read, by their file name's extension (any case). `parquet`: `.parquet`. `csv`: `.csv` and `.tsv`. `jsonl`: `.jsonl`, `.ndjson` and `.json` (JSON Lines: one JSON value per line). `auto`: all of these, each object by its own extension. A text object may be compressed, named with `.gz` (gzip) or `.zst` (Zstandard) after its extension, and is decompressed while it streams. Table names drop the whole extension (`events.csv.gz` → `events`). Objects with other extensions are ignored; a table whose objects are of two formats fails with an error naming one object of each.")]
    [SpecAllowedValues(FileTypes.Parquet, FileTypes.Csv, FileTypes.JsonLines, FileTypes.Auto)]
    public string Filetype { get; init; } = FileTypes.Parquet;

    /// <summary>The <c>csv</c> option, documented by its Description.</summary>
    [Description("How CSV and TSV objects are parsed (see the `csv.` options).")]
    public CsvSpec Csv { get; init; } = new();

    /// <summary>The <c>jsonl</c> option, documented by its Description.</summary>
    [Description("How JSON Lines objects are read (see the `jsonl.` options).")]
    public JsonLinesSpec Jsonl { get; init; } = new();

    /// <summary>The <c>include</c> option, documented by its Description.</summary>
    [Description("Globs of the keys to read; `[]` reads every key. A glob matches the whole key (`path_prefix` included), case-sensitively: `*` matches within one folder or file name, `**` across folders, `?` one character, `[abc]` one of the characters, `{a,b}` one of the alternatives. `include` and `exclude` apply before keys are grouped into tables. When every glob starts with the same literal prefix, that prefix is pushed into the listing request, as `path_prefix` is.")]
    [SpecNonEmpty]
    [SpecGlob]
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>The <c>exclude</c> option, documented by its Description.</summary>
    [Description("Globs of keys not to read, written as in `include`. A key that matches both is excluded.")]
    [SpecNonEmpty]
    [SpecGlob]
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The <c>ignore_hidden</c> option, documented by its Description.</summary>
    [Description("Ignore hidden and temporary objects by the rule Spark and Hive use: a key with a folder or file name that starts with `.`, or starts with `_` and holds no `=` (`_temporary/`, `_SUCCESS`, `_delta_log/`, `_committed_…`), or a file name ending in `._COPYING_`. `discover` counts them as ignored, with the reason.")]
    public bool IgnoreHidden { get; init; } = true;

    /// <summary>The <c>hive_partitioning</c> option, documented by its Description.</summary>
    [Description("Read Hive-style partition folders. A folder `name=value` (the name a letter or `_`, then letters, digits or `_`) starts the partition part of a key: the table is named from the folders before the first such folder, and each partition becomes a nullable column after the object's own columns, `utf8` unless `hive_types` says otherwise, its value URL-decoded, null when empty or `__HIVE_DEFAULT_PARTITION__`. All objects of a table must have the same partition names in the same order: with `auto` a table whose objects differ fails with an error; `true` is the same except that objects with no partition folders are read too, their partition columns null. `false` adds no partition columns and names tables from the whole folder. YAML's unquoted `true` and `false` work.")]
    [SpecAllowedValues(HivePartitioningModes.Auto, HivePartitioningModes.On, HivePartitioningModes.Off)]
    [SpecBooleanAsText]
    public string HivePartitioning { get; init; } = HivePartitioningModes.Auto;

    /// <summary>The <c>hive_types</c> option, documented by its Description.</summary>
    [Description("Types of partition columns by name, e.g. `{year: int32, day: date32}`: `utf8`, `int32`, `int64`, `float64`, `bool`, `date32` or `timestamp` (timestamp[us, UTC]). A partition column not named here is `utf8`. A partition value that does not parse as its column's type fails its table with an error naming the object's key and the column.")]
    [SpecKeyPattern("[A-Za-z_][A-Za-z0-9_]*", "column name", "a letter or _, then letters, digits or _ (A–Z, a–z, 0–9)")]
    [SpecAllowedValues(HiveColumnTypes.Utf8, HiveColumnTypes.Int32, HiveColumnTypes.Int64, HiveColumnTypes.Float64, HiveColumnTypes.Bool, HiveColumnTypes.Date32, HiveColumnTypes.Timestamp)]
    public IReadOnlyDictionary<string, string> HiveTypes { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The <c>table_rules</c> option, documented by its Description.</summary>
    [Description("Rules that name tables, each `{match: <glob>, name: <table>}`: the first rule whose `match` (a glob, as in `include`) matches a key names that key's table. Several rules may give one name, so that objects under several prefixes make one table (their schemas are checked as one table's). Keys that no rule matches are named the default way. `name` is 1–63 characters, each a letter (A–Z, a–z), a digit or `_`.")]
    public IReadOnlyList<TableRuleSpec> TableRules { get; init; } = [];

    /// <summary>The <c>lineage_columns</c> option, documented by its Description.</summary>
    [Description("Columns that say where each row came from, appended to every table, each value at most once: `key` adds `_source_key` (utf8, the object's key), `last_modified` adds `_source_last_modified` (timestamp[us, UTC]), `etag` adds `_source_etag` (utf8), `version_id` adds `_source_version_id` (utf8, null where the store keeps no versions), `row` adds `_source_row` (int64, the row's 0-based number inside its object). The prefix is not `_cq_` because the CloudQuery CLI owns that one.")]
    [SpecAllowedValues(LineageColumnNames.Key, LineageColumnNames.LastModified, LineageColumnNames.ETag, LineageColumnNames.VersionId, LineageColumnNames.Row)]
    [SpecDistinct]
    public IReadOnlyList<string> LineageColumns { get; init; } = [];

    /// <summary>The <c>schema_policy</c> option, documented by its Description.</summary>
    [Description("What a table does when its objects' schemas differ. `union_by_name`: the table has every column of every object listed (matched by name, case-sensitively), in the newest object's order, then the columns only older objects have; a column an object lacks is null in its rows, and a column whose types differ takes the type that holds them all without loss (a wider integer, float64 for float32, a decimal with enough digits, large_utf8, a finer timestamp unit, structs and lists widened field by field); any other difference, or two names that differ only in case, fails the table naming the column, both types and an object of each. `strict`: every object must have the same columns in the same order with the same types, else the table fails. `skip_file`: the newest object's schema is the table's, and objects with another schema are skipped with a warning naming the columns that differ (the incremental cursor passes them).")]
    [SpecAllowedValues(SchemaPolicies.UnionByName, SchemaPolicies.Strict, SchemaPolicies.SkipFile)]
    public string SchemaPolicy { get; init; } = SchemaPolicies.UnionByName;

    /// <summary>The <c>rows_per_record</c> option, documented by its Description.</summary>
    [Description("Maximum number of rows in one record batch sent to the destination. A batch is also cut at 64 MiB, so no Insert comes near the protocol's message size limit.")]
    [SpecIntegerRange(1, int.MaxValue)]
    public int RowsPerRecord { get; init; } = 2000;

    /// <summary>The <c>concurrency</c> option, documented by its Description.</summary>
    [Description("The most objects read at the same time (footers in discovery, whole objects in a sync); `-1` means unlimited, that is 256. Any value is lowered, with a warning, to what the process's open-file limit (`ulimit -n`) allows. A sync also reads big objects only as far as a memory budget of row-group bytes (8 MiB per core, at least 16 MiB) allows.")]
    [SpecIntegerRange(1, int.MaxValue, AllowMinusOne = true)]
    public int Concurrency { get; init; } = 50;

    /// <summary>The <c>local_profile</c> option, documented by its Description.</summary>
    [Description("Name of a profile in the AWS shared config/credentials files to take credentials (and, unless `region` is set, the region) from.")]
    [SpecDefaultText("the AWS default credential chain")]
    [SpecNonEmpty]
    public string? LocalProfile { get; init; }

    /// <summary>The <c>endpoint</c> option, documented by its Description.</summary>
    [Description("URL of an S3-compatible endpoint (MinIO, Ceph, Swift, LocalStack…), e.g. `http://localhost:9000`.")]
    [SpecDefaultText("AWS S3")]
    [SpecUrl]
    public string? Endpoint { get; init; }

    /// <summary>The <c>use_path_style</c> option, documented by its Description.</summary>
    [Description("Address the bucket in the URL path (`http://host/bucket/key`) instead of the host name; most S3-compatible stores need it.")]
    public bool UsePathStyle { get; init; }

    /// <summary>The <c>no_sign_request</c> option, documented by its Description.</summary>
    [Description("Send unsigned (anonymous) requests, for public buckets. No credentials are looked up.")]
    public bool NoSignRequest { get; init; }

    /// <summary>The <c>lookback_seconds</c> option, documented by its Description.</summary>
    [Description("Incremental syncs only (with a state backend, or `sync --state`): an object that appears with a LastModified up to this many seconds older than the newest object already synced is still read (uploads are stamped when they start, listings are eventually consistent). The cursor keeps the keys of this window, so state stays small.")]
    [SpecIntegerRange(0, 31_536_000)]
    public int LookbackSeconds { get; init; } = 3600;

    /// <summary>The <c>settle_seconds</c> option, documented by its Description.</summary>
    [Description("Incremental syncs only: objects whose LastModified is less than this many seconds ago are left for the next run (uploads in flight, clocks ahead of ours).")]
    [SpecIntegerRange(0, 86_400)]
    public int SettleSeconds { get; init; }

    /// <summary>The <c>error_policy</c> option, documented by its Description.</summary>
    [Description("What to do when an object cannot be read (not valid Parquet, encrypted, a CSV or JSON Lines value, row or line that does not fit its table, deleted after listing, timed out after retries): `skip` logs a warning, lists the object in the summary and goes on with the table; `fail` stops that table with an error naming the object (rows already sent stay sent) and leaves its incremental cursor where it was. Either way the cursor never moves past an object skipped for a transient reason.")]
    [SpecAllowedValues(ErrorPolicies.Skip, ErrorPolicies.Fail)]
    public string ErrorPolicy { get; init; } = ErrorPolicies.Skip;

    /// <summary>The <c>shard_by</c> option, documented by its Description.</summary>
    [Description("What `cloudquery sync --shard N/M` divides between the M processes. `object`: each object goes to shard 1 + (XxHash64 of its key's UTF-8 bytes, seed 0, mod M), so every shard reads an even share of every table, even of one huge table. `table`: whole tables, as Go plugins shard: the selected tables sorted by name, in contiguous chunks of ceil(tables ÷ M); a shard left without tables syncs nothing. Either way every shard lists the bucket, reads the footers of every selected table and sends every MigrateTable, so all shards agree on the schemas; each keeps its own incremental cursors. Without `--shard` this option does nothing.")]
    [SpecAllowedValues(ShardModes.ByObject, ShardModes.ByTable)]
    public string ShardBy { get; init; } = ShardModes.ByObject;

    /// <summary>The <c>mirror</c> option, documented by its Description.</summary>
    [Description("Make the destination an exact mirror of the bucket: rewritten objects replace their rows, deleted objects take their rows with them. Adds the lineage column `_source_key` and needs a state backend (`backend_options`, or `--state` for the standalone `sync`), where it remembers every synced key. Before the rows of an object rewritten since the last sync (another ETag, version id or LastModified) are inserted, a DeleteRecord on `_source_key` deletes its old rows; after a complete listing, the rows of objects no longer listed are deleted, except those of keys the current selection (`path_prefix`, `include`/`exclude`, `table_rules`) no longer covers, which are never deleted. The destination must implement DeleteRecord (see \"Exact mirror\" in the README).")]
    public bool Mirror { get; init; }

    /// <summary>The <c>footer_cache</c> option, documented by its Description.</summary>
    [Description("Keep what each object's footer says (schema, row counts), or what inference learned from a text object's first rows, in a file under `footer_cache_dir`, by key, size, LastModified and ETag (and the `csv`/`jsonl` options, for text objects), so the next discovery reads only new or changed objects. Within one run, Sync reuses the footers GetTables read either way. A cache file that cannot be read or written is logged and ignored.")]
    public bool FooterCache { get; init; } = true;

    /// <summary>The <c>footer_cache_dir</c> option, documented by its Description.</summary>
    [Description("Folder of the footer cache files, one per bucket or folder and `path_prefix` (named by a hash; they hold object keys, sizes, ETags and schemas, no credentials). Without a home folder, the default is `cq-source-s3-cache` in the temporary folder.")]
    [SpecDefaultText("`$XDG_CACHE_HOME/cq-source-s3`, else `~/.cache/cq-source-s3` (macOS: `~/Library/Caches/cq-source-s3`; Windows: `%LOCALAPPDATA%\\cq-source-s3\\cache`)")]
    [SpecNonEmpty]
    public string? FooterCacheDir { get; init; }

    /// <summary>Equal when every option is: lists item by item, maps entry by entry (a record alone would compare them by reference).</summary>
    public bool Equals(SourceSpec? other) => other is not null && SpecReader.Properties.All(p => SpecEquality.Equal(p.Get!(this), p.Get!(other)));

    /// <inheritdoc />
    public override int GetHashCode() => SpecReader.Properties.Aggregate(0, (hash, p) => HashCode.Combine(hash, SpecEquality.Hash(p.Get!(this))));

    internal bool FailsTableOnUnreadableObject => ErrorPolicy == ErrorPolicies.Fail;

    internal TimeSpan Lookback => TimeSpan.FromSeconds(LookbackSeconds);

    internal TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);

    /// <summary>True when the spec names a local folder rather than a bucket.</summary>
    internal bool IsLocal => LocalPath is not null;
}
