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
    [Description("A folder of Parquet files read instead of a bucket (keys are paths relative to it, with `/`). Required unless `bucket` is set.")]
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
    [Description("Format of the objects. Only `parquet` is supported; objects whose key does not end in `.parquet` (any case) are ignored.")]
    [SpecAllowedValues("parquet")]
    public string Filetype { get; init; } = "parquet";

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
    [Description("What to do when an object cannot be read (not valid Parquet, encrypted, deleted after listing, timed out after retries): `skip` logs a warning, lists the object in the summary and goes on with the table; `fail` stops that table with an error naming the object (rows already sent stay sent) and leaves its incremental cursor where it was. Either way the cursor never moves past an object skipped for a transient reason.")]
    [SpecAllowedValues(ErrorPolicies.Skip, ErrorPolicies.Fail)]
    public string ErrorPolicy { get; init; } = ErrorPolicies.Skip;

    /// <summary>The <c>footer_cache</c> option, documented by its Description.</summary>
    [Description("Keep what each object's footer says (schema, row counts) in a file under `footer_cache_dir`, by key, size, LastModified and ETag, so the next discovery reads only the footers of new or changed objects. Within one run, Sync reuses the footers GetTables read either way. A cache file that cannot be read or written is logged and ignored.")]
    public bool FooterCache { get; init; } = true;

    /// <summary>The <c>footer_cache_dir</c> option, documented by its Description.</summary>
    [Description("Folder of the footer cache files, one per bucket or folder and `path_prefix` (named by a hash; they hold object keys, sizes, ETags and schemas, no credentials). Without a home folder, the default is `cq-source-s3-cache` in the temporary folder.")]
    [SpecDefaultText("`$XDG_CACHE_HOME/cq-source-s3`, else `~/.cache/cq-source-s3` (macOS: `~/Library/Caches/cq-source-s3`; Windows: `%LOCALAPPDATA%\\cq-source-s3\\cache`)")]
    [SpecNonEmpty]
    public string? FooterCacheDir { get; init; }

    internal bool FailsTableOnUnreadableObject => ErrorPolicy == ErrorPolicies.Fail;

    internal TimeSpan Lookback => TimeSpan.FromSeconds(LookbackSeconds);

    internal TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);

    /// <summary>True when the spec names a local folder rather than a bucket.</summary>
    internal bool IsLocal => LocalPath is not null;
}
