using System.ComponentModel;

namespace CqSourceS3.Client.Spec;

/// <summary>
/// The plugin's spec: the nested <c>spec:</c> block of a CloudQuery source config, sent as JSON in Init.
/// One type feeds parsing (<see cref="SpecReader"/>), validation, the JSON schema (<see cref="SpecSchema"/>)
/// and the README's option table. Descriptions live in <see cref="DescriptionAttribute"/>s so the schema can carry them.
/// </summary>
public sealed record SourceSpec
{
    /// <summary>The bucket to read.</summary>
    [Description("The S3 bucket to read. Required unless `local_path` is set; the two exclude each other.")]
    [SpecNonEmpty]
    public string? Bucket { get; init; }

    /// <summary>A local folder read instead of a bucket.</summary>
    [Description("A folder of Parquet files read instead of a bucket (keys are paths relative to it, with `/`). Required unless `bucket` is set.")]
    [SpecNonEmpty]
    public string? LocalPath { get; init; }

    /// <summary>AWS region of the bucket.</summary>
    [Description("AWS region of the bucket, e.g. `us-east-1`. Default: the region from the AWS environment/profile, else `us-east-1`.")]
    [SpecNonEmpty]
    public string? Region { get; init; }

    /// <summary>Only keys starting with this prefix are read.</summary>
    [Description("Only objects whose key starts with this prefix are listed and read (pushed into the listing request).")]
    public string PathPrefix { get; init; } = "";

    /// <summary>The object format.</summary>
    [Description("Format of the objects. Only `parquet` is supported; objects not ending in `.parquet` are ignored.")]
    [SpecAllowedValues("parquet")]
    public string Filetype { get; init; } = "parquet";

    /// <summary>Maximum rows per Insert message.</summary>
    [Description("Maximum number of rows in one record batch sent to the destination (each batch is also capped by size).")]
    [SpecIntegerRange(1, int.MaxValue)]
    public int RowsPerRecord { get; init; } = 2000;

    /// <summary>How many objects are read at once.</summary>
    [Description("Objects read at the same time; `-1` means unlimited, capped at 256 open objects. Any value is lowered, with a warning, to what the process's open-file limit (`ulimit -n`) allows.")]
    [SpecIntegerRange(1, int.MaxValue, AllowMinusOne = true)]
    public int Concurrency { get; init; } = 50;

    /// <summary>Named AWS profile.</summary>
    [Description("Name of a profile in the AWS shared config/credentials files to take credentials from. Default: the AWS default credential chain.")]
    [SpecNonEmpty]
    public string? LocalProfile { get; init; }

    /// <summary>Endpoint of an S3-compatible store.</summary>
    [Description("URL of an S3-compatible endpoint (MinIO, Ceph, Swift, LocalStack…), e.g. `http://localhost:9000`. Default: AWS S3.")]
    [SpecUrl]
    public string? Endpoint { get; init; }

    /// <summary>Path-style addressing.</summary>
    [Description("Address the bucket in the URL path (`http://host/bucket/key`) instead of the host name; most S3-compatible stores need it.")]
    public bool UsePathStyle { get; init; }

    /// <summary>Anonymous access.</summary>
    [Description("Send unsigned (anonymous) requests, for public buckets. No credentials are looked up.")]
    public bool NoSignRequest { get; init; }

    /// <summary>How far behind the newest synced object the incremental cursor still looks for new keys.</summary>
    [Description("Incremental syncs only (with a state backend): an object that appears with a LastModified up to this many seconds older than the newest object already synced is still read (uploads are stamped when they start, listings are eventually consistent). The cursor keeps the keys of this window, so state stays small.")]
    [SpecIntegerRange(0, 31_536_000)]
    public int LookbackSeconds { get; init; } = 3600;

    /// <summary>Objects younger than this are left for the next run.</summary>
    [Description("Incremental syncs only: objects whose LastModified is less than this many seconds ago are left for the next run (uploads in flight, clocks ahead of ours).")]
    [SpecIntegerRange(0, 86_400)]
    public int SettleSeconds { get; init; }

    /// <summary>What an unreadable object does to its table.</summary>
    [Description("What to do when an object cannot be read (not valid Parquet, encrypted, deleted after listing, timed out after retries): `skip` logs a warning, lists the object in the summary and goes on with the table; `fail` stops that table with an error naming the object (rows already sent stay sent) and leaves its incremental cursor where it was.")]
    [SpecAllowedValues(ErrorPolicies.Skip, ErrorPolicies.Fail)]
    public string ErrorPolicy { get; init; } = ErrorPolicies.Skip;

    /// <summary>Whether footer facts outlive the process.</summary>
    [Description("Keep what each object's footer says (schema, row counts) in a file under `footer_cache_dir`, by key, size, LastModified and ETag, so the next discovery reads only the footers of new or changed objects. Within one run, Sync reuses the footers GetTables read either way. A cache file that cannot be read or written is logged and ignored.")]
    public bool FooterCache { get; init; } = true;

    /// <summary>Where the footer cache files are.</summary>
    [Description("Folder of the footer cache files (one per bucket or folder and `path_prefix`). Default: `$XDG_CACHE_HOME/cq-source-s3`, else `~/.cache/cq-source-s3` (`~/Library/Caches/cq-source-s3` on macOS, `%LOCALAPPDATA%\\cq-source-s3\\cache` on Windows).")]
    [SpecNonEmpty]
    public string? FooterCacheDir { get; init; }

    internal bool FailsTableOnUnreadableObject => ErrorPolicy == ErrorPolicies.Fail;

    internal TimeSpan Lookback => TimeSpan.FromSeconds(LookbackSeconds);

    internal TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);

    /// <summary>True when the spec names a local folder rather than a bucket.</summary>
    internal bool IsLocal => LocalPath is not null;
}
