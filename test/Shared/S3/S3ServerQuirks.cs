namespace CqSourceS3.Tests.Shared.S3;

/// <summary>Known deviations from S3 of the running test server, so tests can avoid or expect them.</summary>
[Flags]
public enum S3ServerQuirks
{
    /// <summary>Behaves like S3 in everything the tests use.</summary>
    None = 0,

    /// <summary>Suffix ranges (<c>bytes=-N</c>) return the wrong bytes.</summary>
    WrongSuffixRanges = 1,

    /// <summary><c>bytes=0-0</c> returns the whole object instead of one byte.</summary>
    ZeroZeroRangeReturnsWholeObject = 2,

    /// <summary>
    /// Listing order (and so paging) is wrong when a sibling name extends another with a character sorting
    /// below <c>/</c>, e.g. <c>data/</c> next to <c>data.parquet</c>.
    /// </summary>
    ListingOrderAcrossFolders = 4,

    /// <summary>If-Match with a stale ETag is ignored (200) instead of answering 412.</summary>
    IgnoresIfMatch = 8,

    /// <summary>Never answers AccessDenied; only an unknown access key gives 403 (InvalidAccessKeyId).</summary>
    NoAccessDenied = 16,
}
